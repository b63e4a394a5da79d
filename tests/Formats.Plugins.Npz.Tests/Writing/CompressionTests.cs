using Formats.Compression;
using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Writing;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Formats.Plugins.Npz.Tests.Writing;

public sealed class CompressionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DefaultCompressionIsWithinOnePercentOfSavezCompressedOnTheSeedData()
    {
        using var dir = new TempDir();
        var cases = JsonSerializer.Deserialize<Dictionary<string, long>>(NumPy.Run("""
            rng = np.random.default_rng(12345)
            n = 1_000_000
            cases = {
                'int32_ones': np.ones(n, dtype='<i4'),
                'int32_ascending': np.arange(n, dtype='<i4'),
                'int32_random_1_1e6': rng.integers(1, 1_000_000, n, dtype='<i4'),
                'int32_ascending_noise_1_20': (np.arange(n) + rng.integers(1, 20, n)).astype('<i4'),
                'int32_random_0_255': rng.integers(0, 255, n, dtype='<i4'),
                'uint8_random_0_255': rng.integers(0, 255, n, dtype='u1'),
                'float32_signal': (np.sin(np.arange(n) * 0.001) * 1000 + rng.normal(0, 1, n)).astype('<f4'),
            }
            sizes = {}
            for k, a in cases.items():
                np.save(k + '.npy', a)
                np.savez_compressed(k + '.numpy.npz', a=a)
                sizes[k] = os.path.getsize(k + '.numpy.npz')
            print(json.dumps(sizes))
            """, dir.Path))!;

        var ratios = new Dictionary<string, double>();
        foreach (var (name, numpySize) in cases)
        {
            var ours = dir.File(name + ".ours.npz");
            await NpzTest.Files.ConvertAsync(dir.File(name + ".npy"), ours, write: new WriteRequest { Compress = true, MemberName = "a" });
            var size = new FileInfo(ours).Length;
            ratios[name] = (double)size / numpySize;
            output.WriteLine($"{name}: savez_compressed {numpySize}, ours {size} ({ratios[name] - 1:+0.00%;-0.00%;0.00%})");
        }

        Assert.All(ratios, r => Assert.True(r.Value <= 1.01, $"{r.Key} is {r.Value - 1:P2} larger than savez_compressed"));

        // NumPy reads every one back to the same values.
        var same = NumPy.Run("""
            import glob
            ok = all(np.array_equal(np.load(f)['a'], np.load(f.replace('.ours.npz', '.npy'))) for f in glob.glob('*.ours.npz'))
            print(ok)
            """, dir.Path);
        Assert.Equal("True", same.Trim());
    }

    [Fact]
    public async Task SmallVeryCompressibleMembersStayWithinOnePercentToo()
    {
        // 100,000 to 1,000,000 all-ones or zero int32: two pieces would cost ~25 bytes (3.7% of a 600-byte file), so
        // such members are deflated as one piece.
        using var dir = new TempDir();
        var sizes = JsonSerializer.Deserialize<Dictionary<string, long>>(NumPy.Run("""
            sizes = {}
            for n in (70_000, 100_000, 300_000, 1_000_000):
                for name, a in (('ones', np.ones(n, dtype='<i4')), ('zeros', np.zeros(n, dtype='<i4'))):
                    k = f'{name}_{n}'
                    np.save(k + '.npy', a)
                    np.savez_compressed(k + '.numpy.npz', a=a)
                    sizes[k] = os.path.getsize(k + '.numpy.npz')
            print(json.dumps(sizes))
            """, dir.Path))!;
        foreach (var (name, numpySize) in sizes)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var ours = dir.File($"{name}.ours{threads}.npz");
                var files = TestServices.Create(b => b.Services.Configure<ArrayFormatsOptions>(o => o.MaxDegreeOfParallelism = threads)).GetRequiredService<ArrayFiles>();
                await files.ConvertAsync(dir.File(name + ".npy"), ours, write: new WriteRequest { Compress = true, MemberName = "a" });
                var size = new FileInfo(ours).Length;
                output.WriteLine($"{name} ({threads} threads): savez_compressed {numpySize}, ours {size}");
                Assert.True(size <= numpySize * 1.01, $"{name}: {size} bytes against savez_compressed's {numpySize}");
            }

            Assert.Equal(File.ReadAllBytes(dir.File($"{name}.ours1.npz")), File.ReadAllBytes(dir.File($"{name}.ours2.npz")));
        }

        Assert.Equal("True", NumPy.Run("""
            import glob
            print(all(np.array_equal(np.load(f)['a'], np.load(f.split('.ours')[0] + '.npy')) for f in glob.glob('*.ours*.npz')))
            """, dir.Path).Trim());
    }

    [Theory]
    [InlineData(1, 300_000)] // a two-piece member (256 KiB pieces) abandoned after its first piece
    [InlineData(2, 300_000)]
    [InlineData(2, 3_000_000)] // a many-piece member abandoned with pieces in flight
    public void AMemberAbandonedMidwayStopsCleanly(int threads, int length)
    {
        var data = new byte[length];
        new Random(8).NextBytes(data.AsSpan(0, length / 2));
        using var stream = new MemoryStream();
        var writer = NpzTest.Format.CreateWriter(stream, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = threads });
        var sink = writer.BeginArray("a", ArrayHeader.Create(DType.UInt8, length));
        sink.Write(data.AsSpan(0, length - 1000));
        sink.Dispose();
        writer.Dispose();

        // The same writer type still works afterwards (no pooled buffer was handed out twice).
        using var dir = new TempDir();
        var again = Write(dir.File("again.npz"), ArrayHeader.Create(DType.UInt8, length), data, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = threads });
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(again), ArrayReadOptions.Default);
        Assert.Equal(data, NpzTest.ReadAll(reader, "a"));
    }

    [Fact]
    public void ParallelChunksFormOneDeflateStreamIndependentOfThreadCount()
    {
        using var dir = new TempDir();

        // 9 MiB of a noisy signal: five 2 MiB pieces; the last is partial.
        Assert.Equal(2 << 20, NpzCompression.PieceSizeFor(9 << 20));
        var header = ArrayHeader.Create(DType.Float32, 9 << 18);
        var data = new byte[header.ByteLength];
        var random = new Random(3);
        for (var i = 0; i < data.Length / 4; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(4 * i), (float)(Math.Sin(i * 0.001) * 1000 + random.NextDouble()));
        }

        var one = Write(dir.File("p1.npz"), header, data, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = 1 });
        var two = Write(dir.File("p2.npz"), header, data, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = 2 });
        var four = Write(dir.File("p4.npz"), header, data, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one, two);
        Assert.Equal(one, four);

        using var reader = NpzTest.Open(dir.File("p2.npz"));
        Assert.Equal(data, NpzTest.ReadAll(reader, "a"));
        Assert.True(reader.Entries[0].StoredLength < data.Length);
        var sha = NpzTest.Sha256(data);
        Assert.Equal($"None {sha}", NumPy.Run("""
            import zipfile, hashlib
            print(zipfile.ZipFile('p2.npz').testzip(), hashlib.sha256(np.load('p2.npz')['a'].tobytes()).hexdigest())
            """, dir.Path).Trim());
    }

    [Fact]
    public void EveryLevelWritesAnArchiveZipfileAndWeRead()
    {
        using var dir = new TempDir();
        var header = ArrayHeader.Create(DType.Int32, 300_000);
        var data = new byte[header.ByteLength];
        for (var i = 0; i < 300_000; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(4 * i), i + (i % 7));
        }

        var sizes = new long[10];
        for (var level = 0; level <= 9; level++)
        {
            Write(dir.File($"l{level}.npz"), header, data, new ArrayWriteOptions { CompressionLevel = level });
            using var reader = NpzTest.Open(dir.File($"l{level}.npz"));
            Assert.Equal(level > 0, reader.Entries[0].Compressed);
            Assert.Equal(data, NpzTest.ReadAll(reader, "a"));
            sizes[level] = reader.Entries[0].StoredLength!.Value;
        }

        output.WriteLine("stored sizes by --level: " + string.Join(", ", sizes));
        Assert.True(sizes[6] <= sizes[1], "the default level is no larger than the fastest");
        Assert.True(sizes[9] <= sizes[6] * 1.01, "level 9 is about the size of the default");
        Assert.Equal("True", NumPy.Run("""
            import zipfile
            print(all(zipfile.ZipFile(f'l{i}.npz').testzip() is None and np.load(f'l{i}.npz')['a'][-1] == 299999 + 299999 % 7 for i in range(10)))
            """, dir.Path).Trim());
    }

    [Fact]
    public void LevelsMapAsDocumented()
    {
        Assert.Equal([1, 2, 2, 6, 6, null, null, null, null], Enumerable.Range(1, 9).Select(NpzCompression.ZlibNgLevelFor));
        Assert.Equal([16, 64, 256, 4096], Enumerable.Range(6, 4).Select(l => DeflateLevels.EncoderParametersFor(l).MaxChain));
        Assert.Null(NpzCompression.SelectLevel(new ArrayWriteOptions { Compress = true, CompressionLevel = 0 }));
        Assert.Null(NpzCompression.SelectLevel(ArrayWriteOptions.Default));
        Assert.Equal(6, NpzCompression.SelectLevel(new ArrayWriteOptions { Compress = true }));
        Assert.Equal(3, NpzCompression.SelectLevel(new ArrayWriteOptions { CompressionLevel = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpzTest.Format.CreateWriter(new MemoryStream(), new ArrayWriteOptions { CompressionLevel = 10 }));
    }

    [Theory]
    [InlineData(1)] // zlib-ng
    [InlineData(NpzCompression.DefaultLevel)] // the own encoder (the caller deflates every other piece itself)
    public void CompressingALargeMemberAllocatesLittleOnTheCallersThread(int level)
    {
        // 128 MiB through 1 MiB writes: the pipeline reuses pooled pieces instead of buffering the member.
        var header = ArrayHeader.Create(DType.UInt8, 128L << 20);
        var chunk = new byte[1 << 20];
        new Random(5).NextBytes(chunk.AsSpan(0, 1 << 19));
        using var writer = NpzTest.Format.CreateWriter(Stream.Null, new ArrayWriteOptions { Compress = true, CompressionLevel = level, MaxDegreeOfParallelism = 2 });
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var sink = writer.BeginArray("a", header))
        {
            for (var i = 0; i < 128; i++)
            {
                sink.Write(chunk);
            }

            sink.Complete();
        }

        writer.Complete();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"allocated {allocated} bytes on the writing thread for a {header.ByteLength}-byte member");
        Assert.True(allocated < 32 << 20, $"allocated {allocated} bytes");
    }

    private static byte[] Write(string path, ArrayHeader header, byte[] data, ArrayWriteOptions options)
    {
        using (var stream = File.Create(path))
        using (var writer = NpzTest.Format.CreateWriter(stream, options))
        {
            using var sink = writer.BeginArray("a", header);
            for (var at = 0; at < data.Length; at += 1 << 20)
            {
                sink.Write(data.AsSpan(at, Math.Min(1 << 20, data.Length - at)));
            }

            sink.Complete();
            writer.Complete();
        }

        return File.ReadAllBytes(path);
    }
}
