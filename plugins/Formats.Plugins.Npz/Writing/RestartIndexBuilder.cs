using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Writing;

/// <summary>
/// Collects a deflated member's pieces as they are written and turns them into its <see cref="RestartIndex"/>:
/// every piece boundary, or every k-th one when the member has more pieces than the extra field can list.
/// </summary>
internal sealed class RestartIndexBuilder
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
    /// Members that deflate more than this many times smaller get no index: they inflate at nearly the speed of a
    /// copy, so there is little to gain in parallel, and the field's bytes would weigh on their tiny size (all-ones
    /// int32, 1,000 times smaller, would grow by 0.4%).
    /// </summary>
    public const int MaxIndexedRatio = 64;

    /// <summary>
    /// The index, or null for a single piece, pieces of uneven length (nothing to restart at) or a member that
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
        // byte more, so it grows until the field fits.
        var stride = Math.Max(1, RestartIndexExtra.EncodedLength(pieceLength, Merge(1)) / RestartIndexExtra.MaxDataLength);
        while (true)
        {
            var lengths = Merge(stride);
            if (lengths.Length < 2)
            {
                return null;
            }

            if (RestartIndexExtra.EncodedLength((long)pieceLength * stride, lengths) <= RestartIndexExtra.MaxDataLength)
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
