namespace Formats.Compression.Inflate;

/// <summary>Bytes stored as they are: positioned reads straight into the caller's buffer.</summary>
internal sealed class StoredRangeInput(IPositionalSource source, long start, long length) : DecompressedInput(length)
{
    public override bool FillsLargeReads => true;

    public override int Read(Span<byte> buffer)
    {
        var left = Length - Produced;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var n = source.ReadAt(start + Produced, buffer[..(int)Math.Min(buffer.Length, left)]);
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
