namespace Formats.Compression;

/// <summary>
/// Bytes read by position, with no shared cursor, so several inflating threads can read their own ranges at once.
/// </summary>
public interface IPositionalSource
{
    /// <summary>The number of bytes the source holds.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> and returns how many were read;
    /// fewer only at the end of the source. Must be safe to call from several threads at once.
    /// </summary>
    /// <param name="offset">Position of the first byte to read.</param>
    /// <param name="buffer">Where the bytes go.</param>
    int ReadAt(long offset, Span<byte> buffer);
}
