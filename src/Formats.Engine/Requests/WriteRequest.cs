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

    /// <summary>Member name in an archive output.</summary>
    public string? MemberName { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Concat(Format is null ? "" : $" as {Format}", CompressionLevel is { } l ? $" level {l}" : Compress ? " compressed" : "",
            MemberName is null ? "" : $" member {MemberName}");
}
