using System.IO.Compression;
using System.Text;
using Formats.Compression.Deflate;
using Formats.Testing;

namespace Formats.Compression.Tests.Deflate;

public sealed class DeflateEncoderTests
{
    private static readonly int[] Lengths = [0, 1, 2, 3, 4, 5, 8, 257, 258, 259, 4096, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537, 200_003];

    private static readonly string[] KindNames = ["zeros", "random", "bytes0to3", "period4", "ascending_int32", "text", "runs", "mixed"];

    public static TheoryData<string> Kinds => [.. KindNames];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryLengthAndLevelRoundTripsThroughAnInflater(string kind)
    {
        foreach (var length in Lengths)
        {
            var data = Make(kind, length, seed: length);
            for (var level = 6; level <= 9; level++)
            {
                var compressed = Compress(data, final: true, DeflateLevels.EncoderParametersFor(level));
                Assert.True(compressed.Length <= DeflateEncoder.MaxCompressedLength(length), $"{kind} {length}: {compressed.Length} bytes");
                Assert.Equal(data, Inflate(compressed));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void IndependentPiecesJoinIntoOneStream(string kind)
    {
        var data = Make(kind, 700_001, seed: 9);
        var parameters = DeflateLevels.EncoderParametersFor(DeflateLevels.Default);
        using var joined = new MemoryStream();
        var cuts = new[] { 0, 1, 65_536, 300_000, 300_000, 699_999, 700_001 };
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            joined.Write(Compress(data.AsSpan(cuts[i], cuts[i + 1] - cuts[i]), final: i + 2 == cuts.Length, parameters));
        }

        Assert.Equal(data, Inflate(joined.ToArray()));

        // Each non-final piece ends with a sync flush, so an inflater can also start at the next one.
        var tail = Compress(data.AsSpan(300_000, 399_999), final: false, parameters);
        Assert.Equal([0x00, 0x00, 0xFF, 0xFF], tail[^4..]);
    }

    [Fact]
    public void ZlibItselfInflatesEveryKind()
    {
        // zlib's inflater is stricter than zlib-ng's about incomplete codes: run the real one.
        using var dir = new TempDir();
        var parameters = DeflateLevels.EncoderParametersFor(DeflateLevels.Default);
        foreach (var kind in KindNames)
        {
            foreach (var length in new[] { 0, 1, 3, 259, 70_000 })
            {
                var data = Make(kind, length, seed: 3);
                File.WriteAllBytes(dir.File($"{kind}_{length}.raw"), data);
                File.WriteAllBytes(dir.File($"{kind}_{length}.deflate"), Compress(data, final: true, parameters));
            }
        }

        var result = NumPy.Run("""
            import glob, zlib
            bad = [f for f in sorted(glob.glob('*.deflate')) if zlib.decompress(open(f, 'rb').read(), -15) != open(f[:-8] + '.raw', 'rb').read()]
            print('ok' if not bad else bad)
            """, dir.Path);
        Assert.Equal("ok", result.Trim());
    }

    [Fact]
    public void IncompressibleDataStaysWithinTheStoredSize()
    {
        var data = Make("random", 1 << 20, seed: 1);
        var compressed = Compress(data, final: true, DeflateLevels.EncoderParametersFor(9));
        Assert.InRange(compressed.Length, data.Length, data.Length + (data.Length / 4096));
    }

    [Fact]
    public void RegularIntegersCompressAsWellAsZlib6()
    {
        // Ascending int32: zlib 6 gives 1,383,041 bytes for 1,000,000 values (zlib-ng 1-8 give 1.76x that).
        var data = Make("ascending_int32", 4_000_000, seed: 0);
        var compressed = Compress(data, final: true, DeflateLevels.EncoderParametersFor(DeflateLevels.Default));
        Assert.InRange(compressed.Length, 1_300_000, 1_383_041);
        Assert.Equal(data, Inflate(compressed));
    }

    [Fact]
    public void HuffmanLengthsAreLimitedAndComplete()
    {
        var random = new Random(4);
        var scratch = new int[600];
        for (var trial = 0; trial < 300; trial++)
        {
            var count = random.Next(2, 287);
            var frequencies = new int[count];
            for (var s = 0; s < count; s++)
            {
                // Fibonacci-like frequencies force depths far beyond 15 before limiting.
                frequencies[s] = trial % 3 == 0 ? (int)Math.Min(1L << Math.Min(s, 28), int.MaxValue >> 10) : random.Next(0, 3) == 0 ? 0 : random.Next(1, 5000);
            }

            var lengths = new byte[count];
            HuffmanCode.BuildLengths(frequencies, lengths, 15, scratch);
            var kraft = 0.0;
            var coded = 0;
            for (var s = 0; s < count; s++)
            {
                Assert.InRange(lengths[s], 0, 15);
                if (frequencies[s] > 0)
                {
                    Assert.NotEqual(0, lengths[s]);
                }

                if (lengths[s] > 0)
                {
                    kraft += Math.Pow(2, -lengths[s]);
                    coded++;
                }
            }

            Assert.True(coded >= Math.Min(2, count), "at least two codes");
            if (count >= 2)
            {
                Assert.Equal(1.0, kraft, 12);
            }
        }
    }

    private static byte[] Compress(ReadOnlySpan<byte> data, bool final, DeflateParameters parameters)
    {
        var output = new byte[DeflateEncoder.MaxCompressedLength(data.Length)];
        var written = DeflateEncoder.ForCurrentThread().Compress(data, output, final, parameters);
        return output[..written];
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflater = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflater.CopyTo(result);
        return result.ToArray();
    }

    private static byte[] Make(string kind, int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        switch (kind)
        {
            case "zeros":
                break;
            case "random":
                random.NextBytes(data);
                break;
            case "bytes0to3":
                for (var i = 0; i < length; i++)
                {
                    data[i] = (byte)random.Next(4);
                }

                break;
            case "period4":
                for (var i = 0; i < length; i++)
                {
                    data[i] = (byte)(i % 4 == 0 ? 1 : 0);
                }

                break;
            case "ascending_int32":
                for (var i = 0; i + 4 <= length; i += 4)
                {
                    BitConverter.TryWriteBytes(data.AsSpan(i), i / 4);
                }

                break;
            case "text":
                var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, (length / 20) + 1).Select(i => $"line {i}: the quick brown fox {i % 17}\n")));
                text.AsSpan(0, length).CopyTo(data);
                break;
            case "runs":
                for (var i = 0; i < length;)
                {
                    var run = Math.Min(length - i, random.Next(1, 600));
                    data.AsSpan(i, run).Fill((byte)random.Next(3));
                    i += run;
                }

                break;
            default:
                // Random stretches, repeats from up to 40 KB back (beyond the window too) and runs.
                for (var i = 0; i < length;)
                {
                    var n = Math.Min(length - i, random.Next(1, 2000));
                    switch (random.Next(3))
                    {
                        case 0:
                            random.NextBytes(data.AsSpan(i, n));
                            break;
                        case 1 when i > 0:
                            var from = Math.Max(0, i - random.Next(1, 40_000));
                            for (var k = 0; k < n; k++)
                            {
                                data[i + k] = data[from + k];
                            }

                            break;
                        default:
                            data.AsSpan(i, n).Fill((byte)random.Next(256));
                            break;
                    }

                    i += n;
                }

                break;
        }

        return data;
    }
}
