using Formats.Plugins.Npz.Editing;
using Formats.Plugins.Npz.Reading;
using Formats.Plugins.Npz.Writing;

namespace Formats.Plugins.Npz;

/// <summary>
/// NumPy's <c>.npz</c>: a zip of <c>.npy</c> members, stored (<c>np.savez</c>) or deflated
/// (<c>np.savez_compressed</c>). Reading takes sizes from the central directory (NumPy always writes Zip64),
/// lists members from their NPY headers alone, streams each member lazily and checks its CRC-32, and refuses
/// encrypted members, zip bombs and non-NPY members with the library's exceptions. Writing streams members,
/// deflating large ones on several cores (see <see cref="NpzCompression"/> for the levels). Stored members are
/// contiguous in the file: their <see cref="ArrayEntry.Data"/> is stated and they can be mapped.
/// </summary>
public sealed class NpzFormat : IEditableArchiveFormat
{
    /// <summary><c>PK\x03\x04</c>: a zip starting with a member's local header.</summary>
    internal static ReadOnlySpan<byte> LocalHeaderMagic => [0x50, 0x4B, 0x03, 0x04];

    /// <summary><c>PK\x05\x06</c>: an empty zip, only the end record (what <c>np.savez</c> writes for no arrays).</summary>
    internal static ReadOnlySpan<byte> EmptyArchiveMagic => [0x50, 0x4B, 0x05, 0x06];

    /// <inheritdoc />
    public string Name => "npz";

    /// <inheritdoc />
    public string Description => "NumPy archive of arrays (.npz), stored or deflated, Zip64";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".npz"];

    /// <inheritdoc />
    public FormatDetector? Detector { get; } = FormatDetector.ForMagic(LocalHeaderMagic.ToArray(), EmptyArchiveMagic.ToArray());

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek (the directory is at the end).</exception>
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => new NpzReader(stream, options);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">
    /// The compression level is outside 0..9, or the alignment is not 0, 1 or a power of two up to 65,536.
    /// </exception>
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => new NpzWriter(stream, options);

    /// <summary>
    /// Starts editing the archive in <paramref name="source"/> into <paramref name="destination"/>: members can be
    /// added, replaced or removed, and every untouched member is copied as its stored bytes, never recompressed.
    /// </summary>
    /// <param name="source">The existing archive (readable, seekable).</param>
    /// <param name="destination">Where the edited archive goes: another stream (write a temporary file and rename it).</param>
    /// <param name="readOptions">Limits for reading the source; defaults when null.</param>
    /// <param name="writeOptions">How new members are written; defaults (stored) when null.</param>
    /// <exception cref="ArrayFormatException">The source is not a readable archive.</exception>
    public NpzArchiveEditor CreateEditor(Stream source, Stream destination, ArrayReadOptions? readOptions = null, ArrayWriteOptions? writeOptions = null) =>
        new(source, destination, readOptions, writeOptions);

    /// <inheritdoc />
    IArrayArchiveEditor IEditableArchiveFormat.CreateEditor(Stream source, Stream destination, ArrayReadOptions readOptions, ArrayWriteOptions writeOptions) =>
        CreateEditor(source, destination, readOptions, writeOptions);
}
