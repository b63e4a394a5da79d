namespace Formats;

/// <summary>
/// Where bytes lie in a file: <see cref="Length"/> bytes from <see cref="Offset"/>, contiguous and uncompressed.
/// Offsets count from the start of the stream the reader was given.
/// </summary>
/// <param name="Offset">The first byte.</param>
/// <param name="Length">How many bytes.</param>
public readonly record struct DataRange(long Offset, long Length)
{
    /// <summary>One past the last byte.</summary>
    public long End => Offset + Length;
}
