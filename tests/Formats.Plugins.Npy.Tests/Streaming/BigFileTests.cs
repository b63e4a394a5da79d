using System.Diagnostics;
using System.Runtime.InteropServices;
using Formats.Plugins.Npy.Tests.BadInput;
using Formats.Testing;
using Xunit.Abstractions;

namespace Formats.Plugins.Npy.Tests.Streaming;

/// <summary>
/// An NPY larger than 4 GiB written and read back through the streaming contract in chunks, in bounded memory,
/// and loaded by NumPy. Runs with FORMATS_BIG_TESTS=1, alone (no other test allocating meanwhile).
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class BigFileTests(ITestOutputHelper output)
{
    private const long Elements = (1L << 29) + (1L << 23); // 4 GiB + 64 MiB of uint64
    private const int ChunkElements = 1 << 19; // 4 MiB
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    [BigFact]
    public void AFileLargerThan4GiBStreamsThroughInBoundedMemory()
    {
        using var dir = new TempDir();
        var path = dir.File("big.npy");
        var header = ArrayHeader.Create(DType.UInt64, Elements);
        var npy = new NpyFormat();
        var chunk = new ulong[ChunkElements];
        var clock = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = npy.CreateWriter(file, ArrayWriteOptions.Default))
        {
            using var sink = writer.BeginArray(null, header);
            for (long i = 0; i < Elements; i += ChunkElements)
            {
                var n = (int)Math.Min(ChunkElements, Elements - i);
                Fill(chunk.AsSpan(0, n), i);
                sink.Write(MemoryMarshal.AsBytes(chunk.AsSpan(0, n)));
            }

            sink.Complete();
            writer.Complete();
        }

        var written = clock.Elapsed;
        long dataOffset;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var reader = npy.CreateReader(file, ArrayReadOptions.Default))
        {
            Assert.Equal(header, reader.Entries[0].Header);
            dataOffset = reader.Entries[0].Data!.Value.Offset;
            using var data = reader.OpenData();
            var expected = new ulong[ChunkElements];
            for (long i = 0; i < Elements; i += ChunkElements)
            {
                var n = (int)Math.Min(ChunkElements, Elements - i);
                var bytes = MemoryMarshal.AsBytes(chunk.AsSpan(0, n));
                data.ReadExactly(bytes);
                Fill(expected.AsSpan(0, n), i);
                Assert.True(expected.AsSpan(0, n).SequenceEqual(chunk.AsSpan(0, n)), $"data differs in the chunk at element {i}");
            }

            Assert.Equal(0, data.Read(new byte[1]));

            // Rows past the 4 GiB mark are reached by seeking.
            using var tail = reader.OpenData(rows: new RowRange(Elements - 3, Elements));
            var last = new ulong[3];
            tail.ReadExactly(MemoryMarshal.AsBytes(last.AsSpan()));
            Fill(expected.AsSpan(0, 3), Elements - 3);
            Assert.Equal(expected[..3], last);
        }

        var read = clock.Elapsed - written;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Assert.Equal(dataOffset + (Elements * 8), new FileInfo(path).Length);

        // NumPy maps it and finds the pattern at both ends and across the 4 GiB boundary.
        var check = $"""
            a = np.load('big.npy', mmap_mode='r')
            assert a.dtype == np.dtype('<u8') and a.shape == ({Elements},), (a.dtype, a.shape)
            M = 2**64 - 1
            for i in [0, 1, 2**29 - 1, 2**29, 2**29 + 1, {Elements} - 1]:
                assert int(a[i]) == (i * {Multiplier}) & M, i
            print('OK')
            """;
        Assert.Equal("OK", NumPy.Run(check, dir.Path).Trim());

        output.WriteLine($"file {new FileInfo(path).Length} bytes; write {written.TotalSeconds:F1} s, read+verify {read.TotalSeconds:F1} s");
        output.WriteLine($"managed allocation on the test thread {allocated} bytes; process peak working set {peak >> 20} MiB");
        Assert.True(allocated < 64L << 20, $"{allocated} bytes allocated while streaming");
        Assert.True(peak < 1L << 30, $"peak working set {peak} bytes");
    }

    private static void Fill(Span<ulong> values, long first)
    {
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = unchecked((ulong)(first + k) * Multiplier);
        }
    }
}
