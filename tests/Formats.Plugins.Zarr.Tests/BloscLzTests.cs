using Formats.Plugins.Zarr.Codecs;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>BloscLZ streams that lie: each is one <see cref="MalformedArrayException"/>, never a read outside the buffers.</summary>
public sealed class BloscLzTests
{
    [Fact]
    public void LiteralsThenANearAndAFarMatchDecode()
    {
        // 2 literals "ab", a match of 3 from 2 back ("aba"), then 1 literal.
        byte[] stream = [0x20 | 1, (byte)'a', (byte)'b', 0x20, 1, 0, (byte)'z'];
        var dest = new byte[6];
        BloscLz.Decode(stream, dest, 0);
        Assert.Equal("ababaz"u8.ToArray(), dest);

        // A far match: 8,192 + 10 bytes back, length 3.
        var far = new byte[8202 + 3];
        far.AsSpan(0, 8202).Fill(7);
        var farStream = new List<byte>();
        for (var i = 0; i < 8202; i += 32)
        {
            var n = Math.Min(32, 8202 - i);
            farStream.Add((byte)(n - 1));
            farStream.AddRange(Enumerable.Repeat((byte)7, n));
        }

        farStream[0] |= 0x20;
        farStream.AddRange([0x20 | 31, 255, 0, 10]);
        var decoded = new byte[far.Length];
        BloscLz.Decode([.. farStream], decoded, 0);
        Assert.Equal(far[..8202], decoded[..8202]);
        Assert.Equal([7, 7, 7], decoded[8202..]);
    }

    [Theory]
    [InlineData(new byte[] { 0x20, (byte)'a', 0x20, 5 }, "bytes back")]
    [InlineData(new byte[] { 0x20 | 5, (byte)'a' }, "cut short")]
    [InlineData(new byte[] { 0x20, (byte)'a', 0xE0 }, "cut short")]
    [InlineData(new byte[] { 0x20, (byte)'a', 0x20, 0 }, "not 8")]
    [InlineData(new byte[] { }, "empty")]
    public void ALyingStreamIsOneError(byte[] stream, string problem)
    {
        var e = Assert.Throws<MalformedArrayException>(() => BloscLz.Decode(stream, new byte[8], 3));
        Assert.Contains("blosc block 3: blosclz data is corrupt", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomStreamsDecodeOrFailCleanly()
    {
        var random = new Random(25);
        var dest = new byte[600];
        var failures = 0;
        for (var round = 0; round < 20000; round++)
        {
            var stream = new byte[random.Next(1, 200)];
            random.NextBytes(stream);
            try
            {
                BloscLz.Decode(stream, dest, 0);
            }
            catch (MalformedArrayException)
            {
                // The expected outcome for most random input; any other exception fails the test.
                failures++;
            }
        }

        Assert.InRange(failures, 1, 20000);
    }
}
