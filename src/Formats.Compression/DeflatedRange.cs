namespace Formats.Compression;

/// <summary>A raw deflate stream inside a <see cref="IPositionalSource"/>, and what it inflates to.</summary>
/// <param name="Start">Source offset of the stream's first byte.</param>
/// <param name="CompressedLength">Bytes of deflate stream.</param>
/// <param name="UncompressedLength">The declared number of bytes it inflates to: reads stop there, and more is an error.</param>
/// <param name="Restarts">Where the stream can be restarted (from its start), or null.</param>
public readonly record struct DeflatedRange(long Start, long CompressedLength, long UncompressedLength, RestartIndex? Restarts = null);
