using System.IO.Compression;
using Formats.Compression.Inflate;
using Formats.Compression.Tests.Support;

namespace Formats.Compression.Tests.Inflate;

/// <summary>
/// Random and mutated deflate streams: our decoder, alone and split across threads, gives zlib's bytes or fails
/// where zlib fails (with the sequential input's problem). Bounded by construction: a fixed number of small streams.
/// </summary>
public sealed class InflateFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedStreamsGiveZlibsBytesOrZlibsError(int seed)
    {
        var random = new Random(seed);
        var bases = new[]
        {
            Compress(Text(random, 40_000), CompressionLevel.Optimal),
            Compress(Text(random, 40_000), CompressionLevel.Fastest),
            Compress(Numbers(30_000), CompressionLevel.SmallestSize),
            Compress(Bytes(random, 5_000), CompressionLevel.NoCompression),
        };
        for (var i = 0; i < 600; i++)
        {
            var stream = bases[i % bases.Length].ToArray();
            switch (random.Next(4))
            {
                case 0:
                    stream[random.Next(stream.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    for (var k = random.Next(1, 5); k > 0; k--)
                    {
                        stream[random.Next(stream.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 2:
                    stream = stream[..random.Next(1, stream.Length)];
                    break;
                default:
                    var at = random.Next(stream.Length);
                    stream[at] ^= (byte)random.Next(1, 256);
                    stream[Math.Min(stream.Length - 1, at + 1)] ^= (byte)random.Next(256);
                    break;
            }

            Check(stream);
        }
    }

    [Fact]
    public void RandomBytesGiveZlibsBytesOrZlibsError()
    {
        var random = new Random(5);
        for (var i = 0; i < 1200; i++)
        {
            var stream = new byte[random.Next(1, 3000)];
            random.NextBytes(stream);
            if (i % 2 == 0)
            {
                // A plausible dynamic block header more often than chance.
                stream[0] = (byte)((stream[0] & ~7) | 4);
            }

            Check(stream);
        }
    }

    [Theory]
    [InlineData("94AE")] // a dynamic block's header cut short in its code counts
    [InlineData("ED")] // ... in its first count
    public void AHeaderCutShortEndsEarlyAsZlibReadsIt(string hex)
    {
        var stream = Convert.FromHexString(hex);
        Check(stream);
        var (_, error) = InflateTesting.OwnOrError(new MemoryBytes(stream), new DeflatedRange(0, stream.Length, 1 << 20), 1 << 20);
        Assert.Equal(Inflater.EndsEarly, error);
    }

    private static void Check(byte[] stream)
    {
        const int limit = 1 << 20;
        var (zlib, failed) = InflateTesting.Zlib(stream, limit);
        var source = new MemoryBytes(stream);
        var (own, error) = InflateTesting.OwnOrError(source, new DeflatedRange(0, stream.Length, limit), limit);
        if (!failed && error != Inflater.EndsEarly)
        {
            // (DeflateStream reads a stream cut short as far as it goes, without an error; ours says so.)
            Assert.True(own is not null, $"ours failed ({error}) where zlib gives {zlib!.Length} bytes: {Convert.ToHexString(stream.Length < 64 ? stream : stream[..64])}");
            Assert.Equal(zlib, own);
        }
        else if (own is not null)
        {
            // zlib refused: ours may have decoded what zlib refuses only if zlib stopped at our output limit.
            Assert.True(own.Length > limit, "our decoder accepted a stream zlib refuses");
        }

        var declared = zlib?.Length ?? 100_000;
        var range = new DeflatedRange(0, stream.Length, declared);
        using var sequential = new InflatedInput(source, range);
        var expected = InflateTesting.ReadAll(sequential);
        foreach (var threads in new[] { 2, 1 })
        {
            using var split = new SplitInflatedInput(source, range, threads, 2048);
            var actual = InflateTesting.ReadAll(split);
            Assert.Equal(expected.Problem, actual.Problem);
            if (expected.Problem is null)
            {
                Assert.Equal(expected.Bytes, actual.Bytes);
            }
        }
    }

    private static byte[] Compress(byte[] data, CompressionLevel level)
    {
        var stream = new MemoryStream();
        using (var deflate = new DeflateStream(stream, level, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return stream.ToArray();
    }

    private static byte[] Text(Random random, int length)
    {
        string[] words = ["array", "deflate", "numpy", "block", "window", "marker", "chunk", " ", " ", ", ", "\n"];
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]);
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    private static byte[] Numbers(int count)
    {
        var data = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * 4), (i * 7) + (i % 13));
        }

        return data;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var data = new byte[length];
        random.NextBytes(data);
        return data;
    }
}
