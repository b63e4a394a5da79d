namespace Formats.Plotting;

/// <summary>
/// An in-memory array's bytes as a read-only stream, so that it is scanned by the same chunked pass as a file's data.
/// Reads copy out of the storage's windows (arrays over 2 GiB included); the array is never written.
/// </summary>
internal sealed class ArrayStorageStream(NDArray array) : Stream
{
    private long position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => array.ByteLength;

    /// <inheritdoc />
    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, array.ByteLength - position);
        if (count <= 0)
        {
            return 0;
        }

        array.GetBytes(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
