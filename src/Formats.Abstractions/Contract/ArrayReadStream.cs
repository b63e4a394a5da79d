namespace Formats;

/// <summary>
/// A read-only stream over one array's data. Reading past the data returns 0; data that ends early raises
/// <see cref="MalformedArrayException"/> instead of returning fewer bytes.
/// </summary>
public abstract class ArrayReadStream : Stream
{
    /// <summary>Creates a reader for data described by <paramref name="header"/>.</summary>
    protected ArrayReadStream(ArrayHeader header) => Header = header;

    /// <summary>The array this stream yields (after any row selection).</summary>
    public ArrayHeader Header { get; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => Header.ByteLength;

    /// <inheritdoc />
    public override long Position
    {
        get => Header.ByteLength - Remaining;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes not yet read.</summary>
    public abstract long Remaining { get; }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public abstract override int Read(Span<byte> buffer);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
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
