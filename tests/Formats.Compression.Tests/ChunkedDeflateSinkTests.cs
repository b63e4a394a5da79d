using System.IO.Compression;
using System.IO.Hashing;
using Formats.Compression.Inflate;
using Formats.Compression.Tests.Support;

namespace Formats.Compression.Tests;

/// <summary>Parallel pieces joined into one deflate stream, and that stream read back by the library's inputs.</summary>
public sealed class ChunkedDeflateSinkTests
{
    private const int Piece = 4096;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 6)]
    [InlineData(3, 6)]
    [InlineData(3, 9)]
    public void PiecesFormOneStreamWithCrcSizesAndRestartPoints(int threads, int level)
    {
        var data = Data(50_000);
        var (stream, totals) = Deflate(data, threads, level);

        Assert.Equal(data, InflateWhole(stream));
        Assert.Equal(Crc32.HashToUInt32(data), totals.Crc32);
        Assert.Equal(stream.Length, totals.CompressedSize);
        Assert.Equal(data.Length, totals.UncompressedSize);
        var index = Assert.IsType<RestartIndex>(totals.Restarts);
        Assert.Equal(Piece, index.SegmentLength);
        Assert.Equal(stream.Length, index.CompressedSize);
        Assert.Equal(stream, Deflate(data, 1, level).Stream);
    }

    [Theory]
    [InlineData(false)] // segments inflated by our decoder
    [InlineData(true)] // runs of 32 random bytes, compressed about 15:1 (more than 8, less than the index's 64): by zlib
    public void EveryInputReadsTheStreamBack(bool runs)
    {
        var random = new Random(3);
        var values = new byte[50_000 / 32];
        random.NextBytes(values);
        var data = runs ? [.. Enumerable.Range(0, 50_000).Select(i => values[Math.Min(i / 32, values.Length - 1)])] : Data(50_000);
        var (stream, totals) = Deflate(data, 2, DeflateLevels.Default);
        var source = new MemoryBytes([.. new byte[7], .. stream]);
        var range = new DeflatedRange(7, stream.Length, data.Length, totals.Restarts);
        Assert.Equal(!runs, Inflater.FasterThanZlib(range));
        foreach (var (parallelism, forData) in new[] { (1, false), (1, true), (4, true) })
        {
            using var input = DecompressedInput.OpenDeflated(source, range, parallelism, minParallelLength: 0, forData);
            Assert.Equal(parallelism > 1, input is ParallelInflatedInput);
            Assert.Equal(data, ReadAll(input));
            input.CheckEnd();
            if (input.TracksCrc)
            {
                Assert.Equal(totals.Crc32, input.Crc);
            }
        }

        // A skip starts at the last restart point before its target.
        using var skipping = DecompressedInput.OpenDeflated(source, range);
        skipping.Skip(30_000);
        Assert.Equal(data[30_000..], ReadAll(skipping));
    }

    [Fact]
    public void DataErrorsNameTheirProblem()
    {
        var data = Data(50_000);
        var (stream, _) = Deflate(data, 1, DeflateLevels.Default);

        var shortRange = new DeflatedRange(0, stream.Length, data.Length + 10);
        using (var input = DecompressedInput.OpenDeflated(new MemoryBytes(stream), shortRange))
        {
            var e = Assert.Throws<CompressedDataException>(() => ReadAll(input));
            Assert.Equal(CompressedDataProblem.Truncated, e.Problem);
            Assert.Equal(data.Length, e.Offset);
        }

        using (var input = DecompressedInput.OpenDeflated(new MemoryBytes(stream), shortRange with { UncompressedLength = data.Length - 10 }))
        {
            ReadAll(input);
            Assert.Equal(CompressedDataProblem.Overlong, Assert.Throws<CompressedDataException>(input.CheckEnd).Problem);
        }

        var corrupt = stream.ToArray();
        corrupt[0] = 0x07; // a final block of the reserved type 3
        using (var input = DecompressedInput.OpenDeflated(new MemoryBytes(corrupt), shortRange with { UncompressedLength = data.Length }))
        {
            var e = Assert.Throws<CompressedDataException>(() => ReadAll(input));
            Assert.Equal(CompressedDataProblem.Corrupt, e.Problem);
            Assert.IsType<InvalidDataException>(e.InnerException);
        }

        using (var input = DecompressedInput.OpenDeflated(new MemoryBytes(stream[..^100]), shortRange with { UncompressedLength = data.Length }))
        {
            Assert.Equal(CompressedDataProblem.SourceEnded, Assert.Throws<CompressedDataException>(() => ReadAll(input)).Problem);
        }
    }

    private static (byte[] Stream, DeflateTotals Totals) Deflate(byte[] data, int threads, int level)
    {
        var sink = new MemoryBytes();
        DeflateTotals totals;
        using (var deflater = new ChunkedDeflateSink(sink, level, threads, Piece, data.Length))
        {
            for (var at = 0; at < data.Length; at += 1000)
            {
                deflater.Write(data.AsSpan(at, Math.Min(1000, data.Length - at)));
            }

            totals = deflater.Finish();
        }

        return (sink.Bytes, totals);
    }

    private static byte[] InflateWhole(byte[] stream)
    {
        using var inflater = new DeflateStream(new MemoryStream(stream), CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflater.CopyTo(result);
        return result.ToArray();
    }

    private static byte[] ReadAll(DecompressedInput input)
    {
        using var result = new MemoryStream();
        var buffer = new byte[3000];
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return result.ToArray();
    }

    // Compressible, but not to nothing (a restart index is kept only below 64 times smaller).
    private static byte[] Data(int length)
    {
        var random = new Random(1);
        return [.. Enumerable.Range(0, length).Select(i => (byte)((i / 64) + random.Next(4)))];
    }
}
