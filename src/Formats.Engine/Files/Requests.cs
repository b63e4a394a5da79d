namespace Formats;

/// <summary>How to read a file: format override, raw layout, member and rows.</summary>
public sealed record ReadRequest
{
    /// <summary>Defaults: detect the format, first (only) member, all rows.</summary>
    public static ReadRequest Default { get; } = new();

    /// <summary>A format name that overrides detection (<c>--from</c>).</summary>
    public string? Format { get; init; }

    /// <summary>Layout of headerless data (raw buffers).</summary>
    public RawLayout? Layout { get; init; }

    /// <summary>The archive member to read; may be omitted when there is exactly one.</summary>
    public string? Member { get; init; }

    /// <summary>First row along axis 0 (Python slice semantics: negative counts from the end).</summary>
    public long? RowStart { get; init; }

    /// <summary>One past the last row (Python slice semantics).</summary>
    public long? RowStop { get; init; }

    /// <summary>Longest header accepted; null for the configured default.</summary>
    public int? MaxHeaderSize { get; init; }

    internal bool HasRows => RowStart is not null || RowStop is not null;
}

/// <summary>How to write a file.</summary>
public sealed record WriteRequest
{
    /// <summary>Defaults: format from the extension, uncompressed.</summary>
    public static WriteRequest Default { get; } = new();

    /// <summary>A format name that overrides the extension (<c>--to</c>).</summary>
    public string? Format { get; init; }

    /// <summary>Compress where the format can.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0-9; 0 means stored.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Member name in an archive output.</summary>
    public string? MemberName { get; init; }
}

/// <summary>Progress of a long operation, in data bytes.</summary>
/// <param name="Member">The array being copied (empty for single-array files).</param>
/// <param name="BytesDone">Bytes copied so far over the whole operation.</param>
/// <param name="BytesTotal">Bytes to copy over the whole operation.</param>
public readonly record struct ArrayProgress(string Member, long BytesDone, long BytesTotal);

/// <summary>What a file holds, from its headers alone.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">The format that read it.</param>
/// <param name="Entries">Its arrays.</param>
public sealed record ArrayFileInfo(string Path, IArrayFormat Format, IReadOnlyList<ArrayEntry> Entries);

/// <summary>What a conversion wrote.</summary>
/// <param name="Output">The file or folder written.</param>
/// <param name="Format">The output format.</param>
/// <param name="Arrays">Names of the arrays written.</param>
/// <param name="DataBytes">Array bytes copied.</param>
public sealed record ConversionResult(string Output, IArrayFormat Format, IReadOnlyList<string> Arrays, long DataBytes);
