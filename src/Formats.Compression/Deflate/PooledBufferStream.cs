using System.Buffers;

namespace Formats.Compression.Deflate;

/// <summary>A write-only, growable memory stream over pooled arrays, so compressed pieces create no garbage.</summary>
internal sealed class PooledBufferStream(int capacity) : Stream
{
    private byte[]? buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(buffer is null, this);
        if (length + data.Length > buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = grown;
        }

        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    public override void SetLength(long value)
    {
        if (value < 0 || value > length)
        {
            throw new ArgumentOutOfRangeException(nameof(value));
        }

        length = (int)value;
    }

    /// <summary>Hands the pooled array to the caller (who returns it to the pool) and empties the stream.</summary>
    public byte[] Detach(out int detachedLength)
    {
        ObjectDisposedException.ThrowIf(buffer is null, this);
        var result = buffer;
        detachedLength = length;
        buffer = null;
        length = 0;
        return result;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        base.Dispose(disposing);
    }
}
