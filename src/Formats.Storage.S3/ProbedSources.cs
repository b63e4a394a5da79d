namespace Formats.Storage.S3;

/// <summary>
/// Sources whose first window was fetched to learn that their key names an object (not a folder), kept for the
/// <see cref="S3ArrayStorage.GetSource"/> that follows: the engine asks for the directory and then the source of the
/// same location, and the window routing reads is the one that answered. A source is handed out once, only shortly
/// after its probe (a kept source is pinned to the ETag it saw, and a long-lived process must not read an old
/// version's pin hours later), and forgotten when its location is written.
/// </summary>
internal sealed class ProbedSources
{
    private const int Kept = 4;
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private readonly List<(string Location, S3ArraySource Source, long At)> kept = [];

    public void Keep(string location, S3ArraySource source)
    {
        lock (kept)
        {
            kept.RemoveAll(k => k.Location == location);
            kept.Add((location, source, Environment.TickCount64));
            if (kept.Count > Kept)
            {
                kept.RemoveAt(0);
            }
        }
    }

    /// <summary>The source probed for <paramref name="location"/> lately, removed from the kept ones; else null.</summary>
    public S3ArraySource? Take(string location)
    {
        lock (kept)
        {
            var i = kept.FindIndex(k => k.Location == location);
            if (i < 0)
            {
                return null;
            }

            var (_, source, at) = kept[i];
            kept.RemoveAt(i);
            return Environment.TickCount64 - at <= (long)Fresh.TotalMilliseconds ? source : null;
        }
    }

    public void Forget(string location)
    {
        lock (kept)
        {
            kept.RemoveAll(k => k.Location == location);
        }
    }
}
