namespace Formats.Hosting;

/// <summary>
/// Locations in a store reached over the network (<c>scheme://bucket/key</c>, such as <c>s3://</c>), which an
/// <see cref="IArrayStorage"/> serves: no file system path applies to them (no full path, no links, no temporaries).
/// </summary>
internal static class RemoteLocation
{
    public static bool Is(string location) =>
        location.IndexOf("://", StringComparison.Ordinal) is var at and > 0 && location[..at].All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// Null when <paramref name="location"/> is a plain <c>scheme://bucket/key</c>, else why not: a key with empty,
    /// <c>.</c> or <c>..</c> segments, which some stores and tools normalize and others do not, could reach outside a
    /// checked prefix.
    /// </summary>
    public static string? Problem(string location)
    {
        var rest = location[(location.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var segments = rest.Split('/');
        return segments[0].Length == 0 ? "it names no bucket"
            : segments.Skip(1).SkipLast(1).Any(s => s is "" or "." or "..") || segments[^1] is "." or ".." ? "its key has empty, '.' or '..' segments"
            : null;
    }
}
