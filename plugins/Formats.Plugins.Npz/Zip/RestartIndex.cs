namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// Where a deflated member's stream can be restarted. Our writer deflates a member in independent pieces (no
/// shared window, each starting on a byte boundary), so the stream can be inflated from any piece boundary. The
/// index cuts the member into segments of <see cref="SegmentLength"/> uncompressed bytes (the last may be
/// shorter) and gives where each segment's compressed bytes start; a segment is one piece or several.
/// </summary>
/// <remarks>Built by the writer or decoded (and checked against the entry's sizes) by <see cref="RestartIndexExtra"/>.</remarks>
internal sealed class RestartIndex
{
    // Count + 1 entries: segment i is compressed in [offsets[i], offsets[i + 1]); the last is the compressed size.
    private readonly long[] offsets;

    /// <param name="segmentLength">Uncompressed bytes per segment (all but the last).</param>
    /// <param name="offsets">Compressed start of every segment from 0, then the member's compressed size; strictly increasing.</param>
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

    /// <summary>The member's compressed size: the end of the last segment.</summary>
    public long CompressedSize => offsets[^1];

    /// <summary>Compressed length of each segment, in order.</summary>
    public IReadOnlyList<long> CompressedLengths => [.. Enumerable.Range(0, Count).Select(CompressedLength)];

    /// <summary>Offset of segment <paramref name="segment"/>'s first compressed byte from the member's data start.</summary>
    public long CompressedStart(int segment) => offsets[segment];

    public long CompressedLength(int segment) => offsets[segment + 1] - offsets[segment];

    /// <summary>Offset of segment <paramref name="segment"/>'s first uncompressed byte (from the NPY preamble's start).</summary>
    public long UncompressedStart(int segment) => segment * SegmentLength;

    /// <summary>Uncompressed bytes of <paramref name="segment"/> in a member of <paramref name="uncompressedSize"/> bytes.</summary>
    public long UncompressedLength(int segment, long uncompressedSize) =>
        Math.Min(SegmentLength, uncompressedSize - UncompressedStart(segment));
}
