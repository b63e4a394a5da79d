using System.Buffers;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// A read-only, forward-only stream over one member's compressed bytes: positioned reads of large blocks, so
/// the inflater's small reads do not each become a system call. Ends exactly at the member's compressed size.
/// The first read is small, so listing members (which inflates only their NPY headers) reads little.
/// </summary>
internal sealed class ZipRangeStream(ZipSource source, long start, long length) : Stream
{
    private const int BlockSize = 1 << 17;
    private const int FirstBlockSize = 1 << 13;
    private byte[]? block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int blockStart;
    private int blockEnd;
    private long consumed;

    /// <summary>Compressed bytes handed out so far.</summary>
    public long Consumed => consumed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => consumed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(block is null, this);
        if (blockStart == blockEnd)
        {
            var left = length - consumed;
            if (left <= 0 || buffer.IsEmpty)
            {
                return 0;
            }

            var want = (int)Math.Min(consumed == 0 ? FirstBlockSize : BlockSize, left);
            var n = source.ReadAt(start + consumed, block.AsSpan(0, want));
            if (n == 0)
            {
                throw new MalformedArrayException($"archive is truncated: member data ends at offset {start + consumed}");
            }

            blockStart = 0;
            blockEnd = n;
        }

        var take = Math.Min(buffer.Length, blockEnd - blockStart);
        block.AsSpan(blockStart, take).CopyTo(buffer);
        blockStart += take;
        consumed += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (block is not null)
        {
            ArrayPool<byte>.Shared.Return(block);
            block = null;
        }

        base.Dispose(disposing);
    }
}
