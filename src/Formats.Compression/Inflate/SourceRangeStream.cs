using System.Buffers;

namespace Formats.Compression.Inflate;

/// <summary>
/// A read-only, forward-only stream over a range of compressed bytes: positioned reads of large blocks, so the
/// inflater's small reads do not each become a system call. Ends exactly at the range's end. The first read is
/// small, so a caller that inflates only a short header reads little.
/// </summary>
internal sealed class SourceRangeStream(IPositionalSource source, long start, long length) : Stream
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
                throw new CompressedDataException(
                    CompressedDataProblem.SourceEnded, start + consumed, $"the source ends at offset {start + consumed}, inside the compressed data");
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
