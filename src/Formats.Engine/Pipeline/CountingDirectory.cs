namespace Formats.Pipeline;

/// <summary>A directory being "written" that keeps nothing: every entry is a <see cref="CountingStream"/>, and its length the sum of theirs.</summary>
internal sealed class CountingDirectory(string name) : IArrayDirectory
{
    private readonly List<(string Entry, CountingStream Stream)> entries = [];

    public string Name => name;

    public bool CanWrite => true;

    private readonly Lock gate = new();

    public long Length
    {
        get
        {
            lock (gate)
            {
                return entries.Sum(e => e.Stream.Length);
            }
        }
    }

    public IReadOnlyList<string> List(string folder = "")
    {
        lock (gate)
        {
            return [.. entries.Select(e => e.Entry).Where(e => e.StartsWith(folder, StringComparison.Ordinal) && !e[folder.Length..].Contains('/')).Order(StringComparer.Ordinal)];
        }
    }

    public Stream OpenRead(string entry) => throw new NotSupportedException("a measuring directory keeps no bytes to read back");

    public Stream Create(string entry)
    {
        var stream = new CountingStream();
        lock (gate)
        {
            entries.Add((entry, stream));
        }

        return stream;
    }
}
