using System.IO.Compression;

namespace Formats.Compression.Inflate;

/// <summary>A deflate stream inflated on the calling thread, restarting at a restart point to skip ahead.</summary>
internal sealed class InflatedInput : DecompressedInput
{
    private readonly IPositionalSource source;
    private readonly DeflatedRange range;
    private DeflateStream inflater;
    private RestartIndex? restarts;
    private bool? boundariesHold;

    public InflatedInput(IPositionalSource source, DeflatedRange range)
        : base(range.UncompressedLength)
    {
        this.source = source;
        this.range = range;
        restarts = range.Restarts;
        inflater = OpenInflater(source, range.Start, range.CompressedLength);
    }

    public override void Skip(long count)
    {
        // A skip into a stream with a restart index starts inflating at the last restart point before its target
        // instead of inflating everything before it, once the index checks out there.
        if (restarts is { } index && count > 0)
        {
            var target = Produced + count;
            var segment = (int)Math.Min(target / index.SegmentLength, index.Count - 1);
            var start = index.UncompressedStart(segment);
            if (start > Produced && !Holds(index, segment))
            {
                // The index lies (or the data is corrupt): it costs time, not data; inflate from here instead.
                restarts = null;
            }
            else if (start > Produced)
            {
                var compressedStart = index.CompressedStart(segment);
                inflater.Dispose();
                inflater = OpenInflater(source, range.Start + compressedStart, range.CompressedLength - compressedStart);
                count = target - start;
                Produced = start;
            }
        }

        base.Skip(count);
    }

    public override int Read(Span<byte> buffer)
    {
        // Never ask for more than the declared length: inflation stops there, whatever the stream holds.
        var left = Length - Produced;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = Inflate(buffer[..(int)Math.Min(buffer.Length, left)]);
        if (n == 0)
        {
            throw Truncated();
        }

        Produced += n;
        return n;
    }

    public override void CheckEnd()
    {
        Span<byte> probe = stackalloc byte[1];
        if (Inflate(probe) != 0)
        {
            throw new CompressedDataException(
                CompressedDataProblem.Overlong, Length, $"the data inflates beyond the {Length} bytes declared");
        }
    }

    // The uncompressed offset a jump assumes is right only if every restart point follows a sync flush, and the
    // segment jumped into is one piece that inflates to exactly its length (docs/npz.md, restart index).
    private bool Holds(RestartIndex index, int segment) =>
        (boundariesHold ??= RestartCheck.BoundariesFollowSyncFlushes(source, range, index))
        && RestartCheck.SegmentIsOnePiece(source, range, index, segment)
        && RestartCheck.SegmentInflatesExactly(source, range, index, segment);

    private int Inflate(Span<byte> buffer) => Inflate(inflater, buffer, Produced);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inflater.Dispose();
        }

        base.Dispose(disposing);
    }
}
