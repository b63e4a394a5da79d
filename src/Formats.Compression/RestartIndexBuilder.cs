namespace Formats.Compression;

/// <summary>
/// Collects a deflate stream's pieces as they are written and turns them into its <see cref="RestartIndex"/>:
/// every piece boundary, or every k-th one when the stream has more pieces than the encoding may take bytes to list.
/// </summary>
/// <param name="maxEncodedLength">Most bytes the index's <see cref="RestartIndexEncoding"/> may take.</param>
internal sealed class RestartIndexBuilder(int maxEncodedLength)
{
    private readonly List<int> compressedLengths = [];
    private int pieceLength;
    private int lastInputLength;
    private bool uniform = true;

    /// <summary>Records the next piece: its deflated length and the uncompressed bytes it holds.</summary>
    public void Add(int compressedLength, int inputLength)
    {
        // A reader finds segment i at i × the piece length: only the last piece may be shorter.
        if (compressedLengths.Count == 0)
        {
            pieceLength = inputLength;
        }
        else if (lastInputLength != pieceLength)
        {
            uniform = false;
        }

        compressedLengths.Add(compressedLength);
        lastInputLength = inputLength;
    }

    /// <summary>
    /// Streams that deflate more than this many times smaller get no index: they inflate at nearly the speed of a
    /// copy, so there is little to gain in parallel, and the index's bytes would weigh on their tiny size (all-ones
    /// int32, 1,000 times smaller, would grow by 0.4%).
    /// </summary>
    public const int MaxIndexedRatio = 64;

    /// <summary>
    /// The index, or null for a single piece, pieces of uneven length (nothing to restart at) or a stream that
    /// deflates by more than <see cref="MaxIndexedRatio"/>.
    /// </summary>
    public RestartIndex? Build()
    {
        if (compressedLengths.Count < 2 || !uniform || lastInputLength <= 0 || lastInputLength > pieceLength)
        {
            return null;
        }

        var uncompressed = ((long)pieceLength * (compressedLengths.Count - 1)) + lastInputLength;
        if (uncompressed > (long)MaxIndexedRatio * compressedLengths.Sum(l => (long)l))
        {
            return null;
        }

        // The coarsest stride needed is a first guess from the fine encoding's size; merged lengths may need a
        // byte more, so it grows until the encoding fits.
        var stride = Math.Max(1, RestartIndexEncoding.EncodedLength(pieceLength, Merge(1)) / maxEncodedLength);
        while (true)
        {
            var lengths = Merge(stride);
            if (lengths.Length < 2)
            {
                return null;
            }

            if (RestartIndexEncoding.EncodedLength((long)pieceLength * stride, lengths) <= maxEncodedLength)
            {
                var offsets = new long[lengths.Length + 1];
                for (var i = 0; i < lengths.Length; i++)
                {
                    offsets[i + 1] = offsets[i] + lengths[i];
                }

                return new RestartIndex((long)pieceLength * stride, offsets);
            }

            stride++;
        }
    }

    // Compressed lengths of segments of `stride` pieces each (the last segment takes what is left).
    private long[] Merge(int stride)
    {
        var merged = new long[(compressedLengths.Count + stride - 1) / stride];
        for (var i = 0; i < compressedLengths.Count; i++)
        {
            merged[i / stride] += compressedLengths[i];
        }

        return merged;
    }
}
