namespace Formats.Compression.Inflate;

/// <summary>
/// A deflate stream that is nothing but stored blocks, as zlib and this library's encoder write incompressible
/// data: its bytes are read by positioned reads between the 5-byte block headers, straight into
/// the caller's buffer, without passing through an inflater (which copies them twice, 8 KiB at a time).
/// </summary>
internal sealed class StoredBlocksInput : DecompressedInput
{
    private const int HeaderLength = 5;

    private readonly IPositionalSource source;
    private readonly long[] offsets;
    private readonly int[] lengths;
    private readonly long[] starts;

    private StoredBlocksInput(IPositionalSource source, long length, long[] offsets, int[] lengths)
        : base(length)
    {
        this.source = source;
        this.offsets = offsets;
        this.lengths = lengths;
        starts = new long[lengths.Length];
        for (var i = 1; i < lengths.Length; i++)
        {
            starts[i] = starts[i - 1] + lengths[i - 1];
        }
    }

    public override bool FillsLargeReads => true;

    /// <summary>
    /// Walks the stream's block headers; returns an input when every block is stored, the last one is final and
    /// ends the compressed data exactly and the blocks hold exactly the declared length. Otherwise (any other block,
    /// a header that does not check out, too many tiny blocks) null: the stream is inflated as usual, which also
    /// reports any corruption.
    /// </summary>
    public static StoredBlocksInput? TryOpen(IPositionalSource source, DeflatedRange range)
    {
        var dataStart = range.Start;
        // Real writers fill stored blocks (zlib: 16 KiB and more; the encoder here: up to 64 KiB) and add one empty
        // block per sync flush; a stream of tiny blocks is not worth walking, and would make this walk slow.
        // Bounded by the compressed size too, so a lying declared size cannot make the walk hold more than about
        // 1% of the stream's bytes in block entries.
        var maxBlocks = (Math.Min(range.UncompressedLength, range.CompressedLength) / 1024) + 64;
        var offsets = new List<long>();
        var lengths = new List<int>();
        Span<byte> header = stackalloc byte[HeaderLength];
        long at = 0;
        long total = 0;
        for (var blocks = 0L; ; blocks++)
        {
            if (blocks > maxBlocks || at + HeaderLength > range.CompressedLength || source.ReadAt(dataStart + at, header) != HeaderLength)
            {
                return null;
            }

            // Bit 0: final block; bits 1-2: type, 00 = stored; the rest pads the header to a byte boundary (a stored
            // block that follows a stored block starts on one).
            var length = header[1] | (header[2] << 8);
            if ((header[0] & 0x06) != 0 || (length ^ 0xFFFF) != (header[3] | (header[4] << 8)) || at + HeaderLength + length > range.CompressedLength)
            {
                return null;
            }

            at += HeaderLength;
            if (length > 0)
            {
                offsets.Add(dataStart + at);
                lengths.Add(length);
                total += length;
            }

            at += length;
            if ((header[0] & 1) != 0)
            {
                break;
            }
        }

        return at == range.CompressedLength && total == range.UncompressedLength
            ? new StoredBlocksInput(source, range.UncompressedLength, [.. offsets], [.. lengths])
            : null;
    }

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (!buffer.IsEmpty && Produced < Length)
        {
            var block = Block(Produced);
            var within = (int)(Produced - starts[block]);
            var span = buffer[..Math.Min(buffer.Length, lengths[block] - within)];
            var n = source.ReadAt(offsets[block] + within, span);
            if (n == 0)
            {
                throw Truncated();
            }

            Produced += n;
            total += n;
            buffer = buffer[n..];
        }

        return total;
    }

    public override void Skip(long count) => MoveWithoutReading(count);

    public override void CheckEnd()
    {
        // The walk accounted for every compressed byte: nothing can follow the declared size.
    }

    // The block holding uncompressed offset `at` (blocks are in order; most reads continue in the same or next one).
    private int Block(long at)
    {
        var i = Array.BinarySearch(starts, at);
        return i >= 0 ? i : ~i - 1;
    }
}
