namespace Formats;

/// <summary>How to write a file.</summary>
public sealed record WriteRequest
{
    /// <summary>Defaults: format from the extension, uncompressed.</summary>
    public static WriteRequest Default { get; } = new();

    /// <summary>A format name that overrides the extension.</summary>
    public string? Format { get; init; }

    /// <summary>Compress where the format can.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0-9; 0 means stored. When given, it alone decides whether output is compressed.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// Start each stored array's data on a multiple of this many bytes from the file's start (a power of two up to
    /// 65,536; 0 or 1 for none, the default): see <see cref="ArrayWriteOptions.Alignment"/>.
    /// </summary>
    public int Alignment { get; init; }

    /// <summary>Member name in an archive output.</summary>
    public string? MemberName { get; init; }

    /// <summary>
    /// Cast every array to another numeric dtype while it streams, as NumPy's <c>astype</c> does (see
    /// <see cref="CastRequest"/>); null (the default) writes each array in its own dtype.
    /// </summary>
    public CastRequest? Cast { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Concat(Format is null ? "" : $" as {Format}", CompressionLevel is { } l ? $" level {l}" : Compress ? " compressed" : "",
            Alignment > 1 ? $" aligned to {Alignment}" : "", MemberName is null ? "" : $" member {MemberName}", Cast?.ToString());
}
