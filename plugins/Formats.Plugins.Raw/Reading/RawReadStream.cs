namespace Formats.Plugins.Raw.Reading;

/// <summary>Passes the data bytes through, failing if the file ends early.</summary>
internal sealed class RawReadStream(Stream source, ArrayHeader header) : ArrayReadStream(header)
{
    private long remaining = header.ByteLength;

    public override long Remaining => remaining;

    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        return Advance(source.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]));
    }

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
            throw new MalformedArrayException($"raw data is truncated: {remaining} of {Header.ByteLength} bytes missing");
        }

        remaining -= n;
        return n;
    }
}
