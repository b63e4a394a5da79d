using System.IO.Compression;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Reading;

/// <summary>A member's uncompressed bytes, in order, from the start of its NPY preamble.</summary>
internal abstract class MemberInput : IDisposable
{
    protected MemberInput(ZipEntryRecord entry) => Entry = entry;

    public ZipEntryRecord Entry { get; }

    /// <summary>Uncompressed bytes handed out so far.</summary>
    public long Produced { get; protected set; }

    /// <summary>Opens the input for <paramref name="entry"/>, whose data starts at <paramref name="dataStart"/>.</summary>
    /// <param name="source">The archive.</param>
    /// <param name="entry">The member.</param>
    /// <param name="dataStart">Archive offset of the member's first stored byte.</param>
    /// <param name="parallelism">
    /// Threads that may inflate a deflated member with a restart index (only worth it when every byte will be read:
    /// segments are inflated ahead of the reader).
    /// </param>
    /// <param name="minParallelLength">Smaller members inflate on the calling thread (tests lower it).</param>
    /// <param name="forData">
    /// True when the member's data will be read (not just its header): a deflated member made of stored blocks only
    /// is then read without inflating (<see cref="StoredBlocksInput"/>; finding out walks its block headers).
    /// </param>
    public static MemberInput Open(
        ZipSource source,
        ZipEntryRecord entry,
        long dataStart,
        int parallelism = 1,
        long minParallelLength = ParallelInflatedInput.MinMemberLength,
        bool forData = false) =>
        entry.Method == ZipConstants.MethodStored ? new StoredInput(source, entry, dataStart)
        : forData && StoredBlocksInput.TryOpen(source, entry, dataStart) is { } storedBlocks ? storedBlocks
        : parallelism > 1 && ParallelInflatedInput.CanUse(entry, minParallelLength) ? new ParallelInflatedInput(source, entry, dataStart, parallelism)
        : new InflatedInput(source, entry, dataStart);

    /// <summary>
    /// True when repeated reads to fill one large request are cheap: stored bytes (positioned file reads) and
    /// segments inflated ahead (copies from memory).
    /// </summary>
    public virtual bool FillsLargeReads => false;

    /// <summary>True when the input hashes what it hands out itself (<see cref="Crc"/>), so the reader need not.</summary>
    public virtual bool TracksCrc => false;

    /// <summary>CRC-32 of every byte handed out so far, when <see cref="TracksCrc"/>.</summary>
    public virtual uint Crc => throw new NotSupportedException("this input does not hash what it reads");

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; 0 only at the member's end.</summary>
    /// <exception cref="MalformedArrayException">The compressed data is corrupt or ends early.</exception>
    public abstract int Read(Span<byte> buffer);

    /// <summary>Fills <paramref name="buffer"/> or throws: the member holds fewer bytes than its header needs.</summary>
    public void ReadExactly(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Read(buffer);
            if (n == 0)
            {
                throw Truncated();
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>Passes over <paramref name="count"/> bytes without hashing them.</summary>
    public virtual void Skip(long count)
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (count > 0)
        {
            var span = scratch[..(int)Math.Min(scratch.Length, count)];
            ReadExactly(span);
            count -= span.Length;
        }
    }

    /// <summary>An inflater over the member's compressed bytes from <paramref name="offset"/> on, for <paramref name="length"/> bytes.</summary>
    protected static DeflateStream OpenInflater(ZipSource source, long offset, long length) =>
        new(new ZipRangeStream(source, offset, length), CompressionMode.Decompress, leaveOpen: false);

    /// <summary>
    /// Reads from <paramref name="inflater"/>; corrupt deflate data becomes the library's exception, naming the
    /// member and the uncompressed offset <paramref name="at"/> where it went wrong.
    /// </summary>
    /// <exception cref="MalformedArrayException">The deflate data is corrupt.</exception>
    protected int Inflate(DeflateStream inflater, Span<byte> buffer, long at)
    {
        try
        {
            return inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new MalformedArrayException(
                $"member '{Entry.FileName}' is corrupt: its deflate data cannot be inflated after {at} bytes ({e.Message})", e);
        }
    }

    /// <summary>Skips for inputs that read by position: nothing is read, only the position moves.</summary>
    protected void MoveWithoutReading(long count)
    {
        if (count > Entry.UncompressedSize - Produced)
        {
            throw Truncated();
        }

        Produced += count;
    }

    /// <summary>Checks that nothing follows the declared size (a member must not inflate beyond it).</summary>
    /// <exception cref="MalformedArrayException">More data follows: the member lies about its size (a possible zip bomb).</exception>
    public abstract void CheckEnd();

    public MalformedArrayException Truncated() => new(
        $"member '{Entry.FileName}' is truncated or corrupt: its data ends after {Produced} of the {Entry.UncompressedSize} bytes its directory entry declares");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class StoredInput(ZipSource source, ZipEntryRecord entry, long dataStart) : MemberInput(entry)
    {
        public override bool FillsLargeReads => true;

        public override int Read(Span<byte> buffer)
        {
            var left = Entry.UncompressedSize - Produced;
            if (left <= 0 || buffer.IsEmpty)
            {
                return 0;
            }

            var n = source.ReadAt(dataStart + Produced, buffer[..(int)Math.Min(buffer.Length, left)]);
            if (n == 0)
            {
                throw Truncated();
            }

            Produced += n;
            return n;
        }

        public override void Skip(long count) => MoveWithoutReading(count);

        public override void CheckEnd()
        {
        }
    }

    private sealed class InflatedInput : MemberInput
    {
        private readonly ZipSource source;
        private readonly long dataStart;
        private DeflateStream inflater;

        public InflatedInput(ZipSource source, ZipEntryRecord entry, long dataStart)
            : base(entry)
        {
            this.source = source;
            this.dataStart = dataStart;
            inflater = OpenInflater(source, dataStart, entry.CompressedSize);
        }

        public override void Skip(long count)
        {
            // A row selection in a member with a restart index starts inflating at the last restart point before
            // its first row instead of inflating everything before it.
            if (Entry.Restarts is { } index && count > 0)
            {
                var target = Produced + count;
                var segment = (int)Math.Min(target / index.SegmentLength, index.Count - 1);
                var start = index.UncompressedStart(segment);
                if (start > Produced)
                {
                    var compressedStart = index.CompressedStart(segment);
                    inflater.Dispose();
                    inflater = OpenInflater(source, dataStart + compressedStart, Entry.CompressedSize - compressedStart);
                    count = target - start;
                    Produced = start;
                }
            }

            base.Skip(count);
        }

        public override int Read(Span<byte> buffer)
        {
            // Never ask for more than the declared size: inflation stops there, whatever the stream holds.
            var left = Entry.UncompressedSize - Produced;
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
                throw new MalformedArrayException(
                    $"member '{Entry.FileName}' inflates beyond the {Entry.UncompressedSize} bytes its directory entry declares; refusing it (corrupt archive or zip bomb)");
            }
        }

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
}
