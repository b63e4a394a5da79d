namespace Formats.Compression.Tests;

/// <summary>The restart index's byte encoding: strict decoding of hand-made data.</summary>
public sealed class RestartIndexEncodingTests
{
    [Fact]
    public void DecodingAcceptsOnlyAnIndexThatFitsTheStreamExactly()
    {
        // Three segments of 100 bytes (the last 50) in 10 + 20 + 30 compressed bytes.
        static RestartIndex? Decode(byte[] data, long compressed = 60, long uncompressed = 250) =>
            RestartIndexEncoding.TryDecode(data, compressed, uncompressed);

        Assert.Equal([10L, 20L, 30L], Decode(Encoded(100, 10, 20, 30))!.CompressedLengths);
        Assert.NotNull(Decode(Encoded(100, 10, 20, 30), uncompressed: 300));

        Assert.Null(Decode(Encoded(100, 10, 20, 31)));          // lengths do not add up
        Assert.Null(Decode(Encoded(100, 10, 20, 29)));
        Assert.Null(Decode(Encoded(100, 10, 20, 30, 0)));       // too many entries
        Assert.Null(Decode(Encoded(100, 10, 20, 15, 15)));
        Assert.Null(Decode(Encoded(100, 30, 30)));              // too few
        Assert.Null(Decode(Encoded(100, 0, 30, 30)));           // a segment of nothing
        Assert.Null(Decode(Encoded(0, 10, 20, 30)));            // no segment length
        Assert.Null(Decode(Encoded(125, 10, 20, 30)));          // 250 bytes are two segments of 125
        Assert.Null(Decode(Encoded(300, 60)));                  // one segment: nothing to restart at
        Assert.Null(Decode(EncodedOfVersion(2, 100, 10, 20, 30)));       // unknown version
        Assert.Null(Decode([.. "NPZR"u8, 1, 100, .. Enumerable.Repeat((byte)0xFF, 9), 0x01, 20, 30])); // beyond 63 bits
        Assert.Null(Decode(Encoded(100, 10, 20, 30), compressed: 59));
        Assert.Null(RestartIndexEncoding.TryDecode([], 60, 250));

        var otherProgram = Encoded(100, 10, 20, 30);
        otherProgram[0] = (byte)'X';
        Assert.Null(Decode(otherProgram));

        byte[] overlong = [.. "NPZR"u8, 1, 100, 10, 20, 0x9E, 0x00]; // 30 in two bytes
        Assert.Null(Decode(overlong));
        byte[] cut = [.. "NPZR"u8, 1, 100, 10, 20, 0x9E];
        Assert.Null(Decode(cut));
    }

    [Fact]
    public void HugeCountsAreRefusedBeforeAllocating()
    {
        // A segment length of 1 for a 2^40-byte stream would mean a trillion entries: the data cannot hold them.
        Assert.Null(RestartIndexEncoding.TryDecode(Encoded(1, 10, 20, 30), 60, 1L << 40));
    }

    [Fact]
    public void EncodingRoundTrips()
    {
        var index = new RestartIndex(100, [0, 10, 30, 60]);
        Assert.Equal(Encoded(100, 10, 20, 30), RestartIndexEncoding.Encode(index));
        Assert.Equal([10L, 20L, 30L], RestartIndexEncoding.TryDecode(RestartIndexEncoding.Encode(index), 60, 250)!.CompressedLengths);
    }

    // The encoding made by hand as docs/npz.md describes it, so tests can write what the sink never would.
    private static byte[] Encoded(long segmentLength, params long[] compressedLengths) =>
        EncodedOfVersion(RestartIndexEncoding.Version, segmentLength, compressedLengths);

    private static byte[] EncodedOfVersion(byte version, long segmentLength, params long[] compressedLengths) =>
        [.. "NPZR"u8, version, .. Varint(segmentLength), .. compressedLengths.SelectMany(Varint)];

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
