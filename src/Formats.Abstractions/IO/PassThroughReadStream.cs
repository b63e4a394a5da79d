namespace Formats.IO;

/// <summary>
/// An array's data read straight from the underlying stream, never past the array; an early end of the
/// stream raises <see cref="MalformedArrayException"/>. The underlying stream belongs to the caller.
/// </summary>
internal sealed class PassThroughReadStream(Stream source, ArrayHeader header) : ArrayReadStream(header)
{
    private long remaining = header.ByteLength;

    /// <inheritdoc />
    public override long Remaining => remaining;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        return Advance(source.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]));
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        return Advance(await source.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken));
    }

    private int Advance(int n)
    {
        if (n == 0)
        {
            throw new MalformedArrayException($"data is truncated: {remaining} of {Header.ByteLength} bytes missing (file seems not fully written)");
        }

        remaining -= n;
        return n;
    }
}
