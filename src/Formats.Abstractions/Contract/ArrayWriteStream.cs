namespace Formats;

/// <summary>
/// A write-only stream for one array's data that must receive exactly <see cref="Header"/>.ByteLength bytes.
/// <see cref="Complete"/> checks the count; disposing without completing leaves the file invalid.
/// </summary>
public abstract class ArrayWriteStream : Stream
{
    /// <summary>Creates a writer for data described by <paramref name="header"/>.</summary>
    protected ArrayWriteStream(ArrayHeader header) => Header = header;

    /// <summary>The array being written.</summary>
    public ArrayHeader Header { get; }

    /// <summary>Bytes still expected.</summary>
    public long Remaining => Header.ByteLength - Written;

    /// <summary>Bytes received so far.</summary>
    protected long Written { get; set; }

    /// <summary>Checks that every byte arrived and finishes the array.</summary>
    /// <exception cref="InvalidOperationException">Fewer bytes were written than the header declares.</exception>
    public abstract void Complete();

    /// <summary>Finishes the array asynchronously.</summary>
    public virtual ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Throws when <paramref name="count"/> more bytes would pass the declared size.</summary>
    protected void CheckRoom(int count)
    {
        if (count > Remaining)
        {
            throw new InvalidOperationException($"array data exceeds the {Header.ByteLength} bytes its header declares");
        }
    }

    /// <summary>Throws unless every declared byte was written.</summary>
    protected void CheckComplete()
    {
        if (Remaining != 0)
        {
            throw new InvalidOperationException($"array data ended after {Written} of {Header.ByteLength} bytes");
        }
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => Header.ByteLength;

    /// <inheritdoc />
    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public abstract override void Write(ReadOnlySpan<byte> buffer);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
