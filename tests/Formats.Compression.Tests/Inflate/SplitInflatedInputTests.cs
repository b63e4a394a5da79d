using System.IO.Compression;
using System.IO.Hashing;
using Formats.Compression.Inflate;
using Formats.Compression.Tests.Support;

namespace Formats.Compression.Tests.Inflate;

/// <summary>
/// Index-free parallel inflate of one deflate stream: byte for byte what zlib inflates, whatever the chunking, the
/// block types, the guesses; zlib's error where zlib fails.
/// </summary>
public sealed class SplitInflatedInputTests(NumPyMembers numpy) : IClassFixture<NumPyMembers>
{
    [Theory]
    [MemberData(nameof(NumPyMembers.Cases), MemberType = typeof(NumPyMembers))]
    public void NumPyWrittenMembersInflateByteExact(string name)
    {
        var member = numpy.Members[name];
        var source = new MemoryBytes(member.Archive);
        var expected = InflateTesting.Zlib(member.Archive.AsSpan((int)member.Range.Start, (int)member.Range.CompressedLength), int.MaxValue).Bytes!;
        Assert.Equal(member.Range.UncompressedLength, expected.Length);

        Assert.Equal(expected, InflateTesting.Own(source, member.Range, expected.Length + 1));
        foreach (var (threads, chunk) in new[] { (2, 256L << 10), (3, 100_000L), (2, SplitInflatedInput.DefaultChunkOutput), (1, 256L << 10) })
        {
            using var input = new SplitInflatedInput(source, member.Range, threads, chunk);
            var (bytes, problem) = InflateTesting.ReadAll(input);
            Assert.Null(problem);
            Assert.Equal(expected, bytes);
            Assert.Equal(member.Crc, input.Crc);
            // All ones inflate 1000:1: a single block outgrows eight of these small chunks, so zlib reads it.
            Assert.Equal(name == "ones_i4" && chunk < 1 << 20, input.FellBack);
            if (threads == 1)
            {
                // One thread: our decoder alone, from the start, no guesses.
                Assert.Equal(0, input.GuessesTaken + input.GuessesMissed);
            }
            else if (chunk < expected.Length / 4 && member.Range.CompressedLength < expected.Length / 2 && name != "ones_i4")
            {
                // Compressed data of several chunks: the guesses must hold (or the method is not parallel at all).
                Assert.True(input.GuessesTaken > 0, $"no guess taken ({input.GuessesMissed} missed)");
            }
        }
    }

    [Fact]
    public void TheLibraryPicksItForLargeCompressedStreamsWithoutAnIndexWhenSwitchedOn()
    {
        // The switch is process-wide; nothing else in this test assembly depends on it being off.
        AppContext.SetSwitch(SplitInflatedInput.Switch, true);
        var member = numpy.Members["arange_i4"];
        var source = new MemoryBytes(member.Archive);
        using (var parallel = DecompressedInput.OpenDeflated(source, member.Range, parallelism: 2, minParallelLength: 1 << 20, forData: true))
        {
            Assert.IsType<SplitInflatedInput>(parallel);
        }

        // On one thread our decoder alone (it is faster than zlib on such data), but only to read the data.
        using (var single = DecompressedInput.OpenDeflated(source, member.Range, parallelism: 1, minParallelLength: 1 << 20, forData: true))
        {
            Assert.IsType<SplitInflatedInput>(single);
        }

        using (var header = DecompressedInput.OpenDeflated(source, member.Range, parallelism: 1, minParallelLength: 1 << 20, forData: false))
        {
            Assert.IsType<InflatedInput>(header);
        }

        // All ones compress 1000:1: long matches zlib copies at memory speed, markers through every chunk here.
        var ones = numpy.Members["ones_i4"];
        using (var repetitive = DecompressedInput.OpenDeflated(new MemoryBytes(ones.Archive), ones.Range, parallelism: 2, minParallelLength: 1 << 20, forData: true))
        {
            Assert.IsType<InflatedInput>(repetitive);
        }

        // Random bytes do not compress: zlib stores them, and a stored stream is read as it is.
        var stored = numpy.Members["random255_u1"];
        using var copy = DecompressedInput.OpenDeflated(new MemoryBytes(stored.Archive), stored.Range, parallelism: 2, minParallelLength: 1 << 20, forData: true);
        Assert.IsNotType<SplitInflatedInput>(copy);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(50_000)]
    public void StoredFixedAndDynamicBlocksInOneStream(int chunk)
    {
        var random = new Random(7);
        var data = new byte[600_000];
        random.NextBytes(data.AsSpan(0, 200_000));
        for (var i = 200_000; i < data.Length; i++)
        {
            data[i] = (byte)((i % 977) ^ (i / 5000));
        }

        // Each piece sync-flushed by a compressor of its own: stored blocks, then zlib-ng's fastest level (fixed
        // codes), then dynamic codes, then stored again, ending with the final block.
        var stream = new MemoryStream();
        Piece(stream, data.AsSpan(0, 150_000), CompressionLevel.NoCompression, last: false);
        Piece(stream, data.AsSpan(150_000, 150_000), CompressionLevel.Fastest, last: false);
        Piece(stream, data.AsSpan(300_000, 200_000), CompressionLevel.Optimal, last: false);
        Piece(stream, data.AsSpan(500_000, 100_000), CompressionLevel.NoCompression, last: true);
        var bytes = stream.ToArray();
        Assert.Equal(data, InflateTesting.Zlib(bytes, int.MaxValue).Bytes);

        var source = new MemoryBytes(bytes);
        var range = new DeflatedRange(0, bytes.Length, data.Length);
        Assert.Equal(data, InflateTesting.Own(source, range, data.Length + 1));
        using var input = new SplitInflatedInput(source, range, 2, chunk);
        var (read, problem) = InflateTesting.ReadAll(input);
        Assert.Null(problem);
        Assert.Equal(data, read);
        Assert.Equal(Crc32.HashToUInt32(data), input.Crc);
    }

    [Fact]
    public void BackReferencesReachAcrossChunkStarts()
    {
        // A 20,000-byte pattern repeated with sparse changes: nearly every match reaches 20,000 bytes back, so each
        // chunk starts with references into the window before it (markers), replaced once that window is known.
        var random = new Random(11);
        var pattern = new byte[20_000];
        random.NextBytes(pattern);
        var data = new byte[3_000_000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = pattern[i % pattern.Length];
        }

        for (var i = 0; i < data.Length; i += 997)
        {
            data[i] ^= (byte)random.Next(1, 256);
        }

        var bytes = Compress(data, CompressionLevel.Optimal);
        var source = new MemoryBytes(bytes);
        using var input = new SplitInflatedInput(source, new DeflatedRange(0, bytes.Length, data.Length), 2, 200_000);
        var (read, problem) = InflateTesting.ReadAll(input);
        Assert.Null(problem);
        Assert.Equal(data, read);
        Assert.True(input.GuessesTaken > 0, $"no guess taken ({input.GuessesMissed} missed)");
    }

    [Fact]
    public void ABlockLargerThanEightChunksFallsBackToZlibWithTheSameBytes()
    {
        // zlib-ng's fastest level writes the whole stream as one fixed-code block: no block start to guess, and a
        // block is decoded only whole, so rather than hold it in memory the input reads it through zlib.
        var data = new byte[400_000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 31) ^ (i >> 9));
        }

        var bytes = Compress(data, CompressionLevel.Fastest);
        using var input = new SplitInflatedInput(new MemoryBytes(bytes), new DeflatedRange(0, bytes.Length, data.Length), 2, 4096);
        var (read, problem) = InflateTesting.ReadAll(input);
        Assert.Null(problem);
        Assert.Equal(data, read);
        Assert.True(input.FellBack);
        Assert.Equal(Crc32.HashToUInt32(data), input.Crc);
    }

    [Fact]
    public void OneByteMember()
    {
        var bytes = Compress([42], CompressionLevel.Optimal);
        var source = new MemoryBytes(bytes);
        var range = new DeflatedRange(0, bytes.Length, 1);
        Assert.Equal([42], InflateTesting.Own(source, range, 2));
        using var input = new SplitInflatedInput(source, range, 2, 1);
        var (read, problem) = InflateTesting.ReadAll(input);
        Assert.Null(problem);
        Assert.Equal([42], read);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("cut")]
    [InlineData("longer")]
    [InlineData("shorter")]
    public void CorruptStreamsFailAsSequentialInflateFails(string how)
    {
        var member = numpy.Members["arange_noise_i4"];
        var archive = member.Archive.ToArray();
        var range = member.Range;
        switch (how)
        {
            case "flip":
                archive[range.Start + (range.CompressedLength / 2)] ^= 0x5A;
                break;
            case "cut":
                range = range with { CompressedLength = range.CompressedLength / 2 };
                break;
            case "longer":
                range = range with { UncompressedLength = range.UncompressedLength + 1 };
                break;
            default:
                range = range with { UncompressedLength = range.UncompressedLength - 1 };
                break;
        }

        var source = new MemoryBytes(archive);
        using var sequential = new InflatedInput(source, range);
        var (expectedBytes, expectedProblem) = InflateTesting.ReadAll(sequential);
        Assert.NotNull(expectedProblem);
        using var input = new SplitInflatedInput(source, range, 2, 256 << 10);
        var (bytes, problem) = InflateTesting.ReadAll(input);
        Assert.Equal(expectedProblem, problem);
        Assert.True(input.Produced <= sequential.Produced);
        Assert.Equal(expectedBytes.AsSpan(0, (int)input.Produced), bytes.AsSpan(0, (int)input.Produced));
    }

    [Fact]
    public void DisposingMidwayStopsTheWorkers()
    {
        var member = numpy.Members["signal_f4"];
        var input = new SplitInflatedInput(new MemoryBytes(member.Archive), member.Range, 2, 100_000);
        var buffer = new byte[300_000];
        input.ReadExactly(buffer);
        input.Dispose();
        Assert.Throws<ObjectDisposedException>(() => input.Read(buffer));
    }

    private static void Piece(MemoryStream into, ReadOnlySpan<byte> data, CompressionLevel level, bool last)
    {
        var piece = new MemoryStream();
        var deflate = new DeflateStream(piece, level, leaveOpen: true);
        deflate.Write(data);
        if (last)
        {
            deflate.Dispose();
        }
        else
        {
            // A sync flush ends the piece byte-aligned with non-final blocks; the rest (a final block) is not taken.
            deflate.Flush();
        }

        into.Write(piece.ToArray());
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
}
