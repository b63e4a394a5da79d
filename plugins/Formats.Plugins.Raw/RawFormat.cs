using Formats.Plugins.Raw.Reading;
using Formats.Plugins.Raw.Writing;

namespace Formats.Plugins.Raw;

/// <summary>
/// Headerless binary buffers as NumPy's <c>tofile</c>/<c>fromfile</c>/<c>memmap</c> use them. The caller gives
/// the layout; the format has no magic, so it is chosen by extension or by name, never by content.
/// </summary>
public sealed class RawFormat : IWritableArrayFormat
{
    /// <inheritdoc />
    public string Name => "raw";

    /// <inheritdoc />
    public string Description => "raw binary buffer (.dat, .bin, .raw): dtype, shape, offset and order given by the caller";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".dat", ".bin", ".raw"];

    /// <inheritdoc />
    public FormatDetector? Detector => null;

    /// <inheritdoc />
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => RawReader.Open(stream, options);

    /// <inheritdoc />
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => new RawWriter(stream);
}
