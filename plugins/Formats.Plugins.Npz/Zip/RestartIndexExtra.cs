using Formats.Compression;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// The restart index as a zip extra field (header ID <see cref="Id"/>, central directory only; docs/npz.md): its
/// data is the <see cref="RestartIndexEncoding"/> of the member's index.
/// </summary>
/// <remarks>
/// Readers that do not know the field skip it (Python's <c>zipfile</c>, NumPy). A field that does not fit the entry
/// exactly is ignored (the member is then inflated sequentially): the member's CRC-32 still guards the data.
/// </remarks>
internal static class RestartIndexExtra
{
    /// <summary>The header ID: ASCII "Pi" (parallel inflate), in none of the published third-party lists.</summary>
    public const ushort Id = 0x6950;

    public const byte Version = RestartIndexEncoding.Version;

    /// <summary>
    /// Most data bytes the field may hold: a central header's extra fields share 65,535 bytes with the Zip64
    /// field (up to 28 bytes) and this field's own 4-byte header.
    /// </summary>
    public const int MaxDataLength = ushort.MaxValue - 28 - 4;

    /// <summary>The field's data (without the 4-byte ID and size).</summary>
    public static byte[] Encode(RestartIndex index) => RestartIndexEncoding.Encode(index);

    /// <summary>The index in <paramref name="data"/> if it fits a member of these sizes exactly; null otherwise.</summary>
    public static RestartIndex? TryDecode(ReadOnlySpan<byte> data, long compressedSize, long uncompressedSize) =>
        RestartIndexEncoding.TryDecode(data, compressedSize, uncompressedSize);
}
