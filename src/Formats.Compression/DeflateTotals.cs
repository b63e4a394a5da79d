namespace Formats.Compression;

/// <summary>A finished deflate stream: the CRC-32 and length of its input, its own length and its restart points.</summary>
/// <param name="Crc32">CRC-32 of the uncompressed bytes.</param>
/// <param name="CompressedSize">Bytes of deflate stream written.</param>
/// <param name="UncompressedSize">Bytes deflated.</param>
/// <param name="Restarts">Where the stream can be restarted; null if nowhere but its start.</param>
public readonly record struct DeflateTotals(uint Crc32, long CompressedSize, long UncompressedSize, RestartIndex? Restarts);
