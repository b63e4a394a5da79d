namespace Formats;

/// <summary>
/// One file format. Implementations are stateless descriptors: they name the format, detect it from leading
/// bytes, and create readers and writers over streams the caller owns.
/// </summary>
public interface IArrayFormat
{
    /// <summary>Short lower-case name that selects the format explicitly, e.g. <c>npy</c>.</summary>
    string Name { get; }

    /// <summary>One line describing the format.</summary>
    string Description { get; }

    /// <summary>File name extensions with the dot, lower case, e.g. <c>.npy</c>.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>How to recognise the format from its first bytes; null for formats without magic (raw buffers).</summary>
    FormatDetector? Detector { get; }

    /// <summary>What the format can do.</summary>
    FormatCapabilities Capabilities { get; }

    /// <summary>Opens a reader over <paramref name="stream"/>, positioned at the start of the file.</summary>
    /// <exception cref="ArrayFormatException">The header is malformed or unsupported.</exception>
    /// <exception cref="NotSupportedException">The format cannot read.</exception>
    IArrayReader CreateReader(Stream stream, ArrayReadOptions options);

    /// <summary>Opens a writer over <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">The format cannot write.</exception>
    IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options);
}

/// <summary>
/// What a format is, for routing: the engine reads these flags to choose formats and shape outputs. Abilities
/// beyond reading and writing are interfaces a format implements (<see cref="IAppendableArrayFormat"/>,
/// <see cref="IEditableArchiveFormat"/>); where array bytes lie is each entry's <see cref="ArrayEntry.Data"/>.
/// </summary>
[Flags]
public enum FormatCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Readers can be created.</summary>
    Read = 1,

    /// <summary>Writers can be created.</summary>
    Write = 2,

    /// <summary>One file holds several named arrays.</summary>
    MultiArray = 4,
}
