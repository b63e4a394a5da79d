namespace Formats.Compression;

/// <summary>
/// Where a deflate stream can be restarted. <see cref="ChunkedDeflateSink"/> deflates in independent pieces (no
/// shared window, each starting on a byte boundary), so the stream can be inflated from any piece boundary. The
/// index cuts the data into segments of <see cref="SegmentLength"/> uncompressed bytes (the last may be
/// shorter) and gives where each segment's compressed bytes start; a segment is one piece or several.
/// </summary>
/// <remarks>Built by the sink or decoded (and checked against the stream's sizes) by <see cref="RestartIndexEncoding"/>.</remarks>
public sealed class RestartIndex
{
    // Count + 1 entries: segment i is compressed in [offsets[i], offsets[i + 1]); the last is the compressed size.
    private readonly long[] offsets;

    /// <summary>An index of segments of <paramref name="segmentLength"/> bytes starting at <paramref name="offsets"/>.</summary>
    /// <param name="segmentLength">Uncompressed bytes per segment (all but the last).</param>
    /// <param name="offsets">Compressed start of every segment from 0, then the stream's compressed size; strictly increasing.</param>
    public RestartIndex(long segmentLength, long[] offsets)
    {
        if (segmentLength <= 0 || offsets.Length < 3 || offsets[0] != 0)
        {
            throw new ArgumentException("a restart index needs a positive segment length and at least two segments from offset 0");
        }

        SegmentLength = segmentLength;
        this.offsets = offsets;
    }

    /// <summary>Uncompressed bytes in every segment but the last.</summary>
    public long SegmentLength { get; }

    /// <summary>Number of segments (at least 2).</summary>
    public int Count => offsets.Length - 1;

    /// <summary>The stream's compressed size: the end of the last segment.</summary>
    public long CompressedSize => offsets[^1];

    /// <summary>Compressed length of each segment, in order.</summary>
    public IReadOnlyList<long> CompressedLengths => [.. Enumerable.Range(0, Count).Select(CompressedLength)];

    /// <summary>Offset of segment <paramref name="segment"/>'s first compressed byte from the stream's start.</summary>
    public long CompressedStart(int segment) => offsets[segment];

    /// <summary>Compressed bytes of segment <paramref name="segment"/>.</summary>
    public long CompressedLength(int segment) => offsets[segment + 1] - offsets[segment];

    /// <summary>Offset of segment <paramref name="segment"/>'s first uncompressed byte.</summary>
    public long UncompressedStart(int segment) => segment * SegmentLength;

    /// <summary>Uncompressed bytes of <paramref name="segment"/> in a stream of <paramref name="uncompressedSize"/> bytes.</summary>
    public long UncompressedLength(int segment, long uncompressedSize) =>
        Math.Min(SegmentLength, uncompressedSize - UncompressedStart(segment));
}
