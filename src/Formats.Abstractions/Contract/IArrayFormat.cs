namespace Formats;

/// <summary>
/// One file format. Implementations are stateless descriptors: they name the format, detect it from leading
/// bytes, and create readers and writers over streams the caller owns.
/// </summary>
public interface IArrayFormat
{
    /// <summary>Short lower-case name used with <c>--to</c>/<c>--from</c>, e.g. <c>npy</c>.</summary>
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

/// <summary>What a format supports.</summary>
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

    /// <summary>Array data lies contiguous in the file at a known offset and can be memory-mapped.</summary>
    Mappable = 8,

    /// <summary>Rows can be appended in place (see <see cref="IAppendableArrayFormat"/>).</summary>
    Append = 16,

    /// <summary>Output can be compressed.</summary>
    Compression = 32,

    /// <summary>The reader needs the caller's layout (<see cref="ArrayReadOptions.Layout"/>): the file has no header.</summary>
    NeedsLayout = 64,
}
