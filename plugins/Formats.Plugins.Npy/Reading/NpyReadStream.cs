namespace Formats.Plugins.Npy.Reading;

/// <summary>Passes the data bytes through from the file, never past the array, and fails on early end.</summary>
internal sealed class NpyReadStream(Stream source, ArrayHeader header) : ArrayReadStream(header)
{
    private long remaining = header.ByteLength;

    public override long Remaining => remaining;

    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = source.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        return Advance(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = await source.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken);
        return Advance(n);
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
