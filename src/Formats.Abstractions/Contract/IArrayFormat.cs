namespace Formats;

/// <summary>
/// One file format that can be read. Implementations are stateless descriptors: they name the format, detect it
/// from leading bytes, and create readers over streams the caller owns. What else a format can do, it states by
/// implementing more interfaces, which is all the engine checks: <see cref="IWritableArrayFormat"/> (write),
/// <see cref="IMultiArrayFormat"/> (several named arrays per file), <see cref="IAppendableArrayFormat"/> (grow in
/// place) and <see cref="IEditableArchiveFormat"/> (edit an archive).
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

    /// <summary>Opens a reader over <paramref name="stream"/>, positioned at the start of the file.</summary>
    /// <exception cref="ArrayFormatException">The header is malformed or unsupported.</exception>
    IArrayReader CreateReader(Stream stream, ArrayReadOptions options);
}
