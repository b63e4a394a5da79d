using System.IO.Compression;
using Formats.Compression.Inflate;
using Formats.Compression.Tests.Support;

namespace Formats.Compression.Tests.Inflate;

/// <summary>
/// The decoder's match copies and literal/length pairs, which take different paths by distance (one byte, under 8,
/// under 16, further) and length (short matches from close behind go element by element): every period from 1 to
/// 40 with match lengths from 3 to 258, decoded as bytes and, from a block after a known window, as two-byte
/// elements with markers, against zlib.
/// </summary>
public sealed class InflaterCopyTests
{
    public static TheoryData<int> Periods()
    {
        var data = new TheoryData<int>();
        foreach (var period in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 40 })
        {
            data.Add(period);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public void MatchesOfEveryLengthFromThisFarBackInflateAsZlibDoes(int period)
    {
        var data = Repeats(period, seed: period);
        foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
        {
            var stream = Compress(data, level);
            Assert.Equal(data, InflateTesting.Zlib(stream, data.Length + 1).Bytes);
            Assert.Equal(data, InflateTesting.Own(new MemoryBytes(stream), new DeflatedRange(0, stream.Length, data.Length), data.Length + 1));
        }
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public unsafe void WithMarkersTheSameMatchesResolveToTheSameBytes(int period)
    {
        // A window of noise, a sync flush (so a block starts on a byte boundary right after it), then the repeats:
        // decoded from that block with the window unknown, every reference into the window is a marker until the
        // window is put in.
        var window = Noise(Inflater.WindowSize, seed: 1000 + period);
        var body = Repeats(period, seed: period);
        for (var i = 0; i < 20_000; i += 997)
        {
            // Now and then a piece of the window's last 4 KiB, which zlib codes as a reference into it.
            window.AsSpan(window.Length - 4096 + (i % 2048), 40).CopyTo(body.AsSpan(i, 40));
        }

        var output = new MemoryStream();
        long boundary;
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(window);
            deflate.Flush();
            boundary = output.Length;
            deflate.Write(body);
        }

        var stream = output.ToArray();
        Assert.Equal([0, 0, 0xFF, 0xFF], stream[(int)(boundary - 4)..(int)boundary]);
        using var inflater = new Inflater(new MemoryBytes(stream), 0, stream.Length);
        inflater.Seek(boundary * 8);
        using var guess = InflateOutput.WithMarkers(1 << 10);
        inflater.DecodeBlocks(guess, long.MaxValue, long.MaxValue, body.Length + 1);
        Assert.Equal(body.Length, guess.Produced);

        // The markers resolved through the window (what ChunkGuess.Resolve does) give the body.
        var symbols = new ReadOnlySpan<ushort>((ushort*)guess.Buffer.Pointer + Inflater.WindowSize, body.Length);
        var resolved = new byte[body.Length];
        var markers = 0;
        for (var i = 0; i < resolved.Length; i++)
        {
            var s = symbols[i];
            markers += s >= 256 ? 1 : 0;
            resolved[i] = s < 256 ? (byte)s : window[s - 256];
        }

        Assert.True(markers > 0, "no reference reached into the window");
        Assert.Equal(body, resolved);
    }

    [Fact]
    public void TheLimitHoldsInAnOutputBufferLargerThanAskedFor()
    {
        var data = Repeats(7, seed: 7);
        var stream = Compress(data, CompressionLevel.Optimal);
        using var inflater = new Inflater(new MemoryBytes(stream), 0, stream.Length);

        // A pooled buffer may be far larger than the limit: the limit, not the buffer, decides.
        using var output = InflateOutput.WithWindow([], data.Length * 4L);
        var e = Assert.Throws<InvalidDataException>(() => inflater.DecodeBlocks(output, long.MaxValue, long.MaxValue, data.Length / 3));
        Assert.Contains("beyond the limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePoolHandsBackAKeptBufferThatFitsAndFreesWhatItKeepsOnTrim()
    {
        using var pool = new NativeBufferPool(4);
        var small = pool.Rent(1 << 12);
        var large = pool.Rent(1 << 20);
        pool.Return(small);
        pool.Return(large);
        Assert.Equal(2, pool.Kept);

        // The smallest that fits: the large one, kept, not the small one freed and allocated anew.
        var again = pool.Rent(1 << 19);
        Assert.Same(large, again);
        Assert.True(again.Capacity >= 1 << 19);
        pool.Return(again);

        pool.Trim();
        Assert.Equal(0, pool.Kept);
    }

    // Runs of a pattern of the period, of every length from 3 to 300, between short bursts of noise: zlib codes
    // them as matches at the period (or a multiple) of those lengths, after literals.
    private static byte[] Repeats(int period, int seed)
    {
        var random = new Random(seed);
        var output = new List<byte>();
        var pattern = new byte[period];
        for (var length = 3; length <= 300; length++)
        {
            random.NextBytes(pattern);
            for (var i = 0; i < period + length; i++)
            {
                output.Add(pattern[i % period]);
            }

            for (var i = 0; i < 1 + (length % 5); i++)
            {
                output.Add((byte)random.Next(256));
            }
        }

        return [.. output];
    }

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Compress(byte[] data, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }
}
