using Formats.Numpy;
using Formats.Plugins.Npy.Appending;
using Formats.Plugins.Npy.Reading;
using Formats.Plugins.Npy.Writing;

namespace Formats.Plugins.Npy;

/// <summary>NumPy's <c>.npy</c>: one array, a self-describing header, data in C or Fortran order.</summary>
public sealed class NpyFormat : IAppendableArrayFormat
{
    /// <inheritdoc />
    public string Name => "npy";

    /// <inheritdoc />
    public string Description => "NumPy array file (.npy), versions 1.0, 2.0 and 3.0";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".npy"];

    /// <inheritdoc />
    public FormatDetector? Detector { get; } = FormatDetector.ForMagic(NpyHeaderCodec.MagicArray);

    /// <inheritdoc />
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => NpyReader.Open(stream, options);

    /// <inheritdoc />
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => new NpyWriter(stream);

    /// <inheritdoc />
    public ArrayWriteStream? TryBeginAppend(Stream target, ArrayHeader rows, ArrayReadOptions options) =>
        NpyAppender.TryBegin(target, rows, options);
}
