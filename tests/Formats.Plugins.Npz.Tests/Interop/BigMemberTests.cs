using System.Diagnostics;
using System.Security.Cryptography;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;
using Xunit.Abstractions;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>
/// A member past 4 GiB, stored and deflated (zlib-ng level 1, and the default: the own encoder with a restart index,
/// read back in parallel): Zip64 sizes and offsets written, read back and checked by NumPy.
/// </summary>
public sealed class BigMemberTests(ITestOutputHelper output)
{
    private const long Length = (4L << 30) + (512L << 20) + 12345; // 4.5 GiB and change: past every 32-bit field
    private const int Step = 4 << 20;

    [BigFact]
    public void MemberLargerThan4GiBRoundTripsThroughUsAndNumPy()
    {
        using var dir = new TempDir();
        foreach (var (file, options) in new[]
        {
            ("big-stored.npz", ArrayWriteOptions.Default),
            ("big-deflated.npz", new ArrayWriteOptions { CompressionLevel = 1 }),
            ("big-default.npz", new ArrayWriteOptions { Compress = true }), // the own encoder, a restart index, parallel reads
        })
        {
            var path = dir.File(file);
            var clock = Stopwatch.StartNew();
            var sha = Write(path, options);
            var written = clock.Elapsed;

            clock.Restart();
            using (var stream = File.OpenRead(path))
            using (var reader = NpzTest.Format.CreateReader(stream, ArrayReadOptions.Default))
            {
                var entry = Assert.Single(reader.Entries);
                Assert.Equal(Length, entry.Header.ByteLength);
                using var data = reader.OpenData("big");
                Assert.Equal(sha, Hash(data));
            }

            var read = clock.Elapsed;
            clock.Restart();
            var numpy = NumPy.Run($"""
                import zipfile, hashlib
                z = zipfile.ZipFile({NpzTest.Py(path)})
                info = z.infolist()[0]
                assert z.testzip() is None
                a = np.load({NpzTest.Py(path)})['big']
                print(a.shape[0], hashlib.sha256(a).hexdigest(), info.file_size, info.compress_size)
                """, dir.Path).Trim().Split(' ');
            Assert.Equal(Length.ToString(System.Globalization.CultureInfo.InvariantCulture), numpy[0]);
            Assert.Equal(sha, numpy[1]);
            output.WriteLine(
                $"{file}: {new FileInfo(path).Length} bytes; we wrote in {written.TotalSeconds:F1} s, read+CRC in {read.TotalSeconds:F1} s; "
                + $"NumPy testzip+load+hash {clock.Elapsed.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
            File.Delete(path);
        }
    }

    // Half random, half a slowly changing pattern: compressible (about 1.6x), never trivially so.
    private static string Write(string path, ArrayWriteOptions options)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = File.Create(path))
        using (var writer = NpzTest.Format.CreateWriter(stream, options))
        {
            using var sink = writer.BeginArray("big", ArrayHeader.Create(DType.UInt8, Length));
            var buffer = new byte[Step];
            for (var done = 0L; done < Length; done += Step)
            {
                var n = (int)Math.Min(Step, Length - done);
                Fill(buffer.AsSpan(0, n), done);
                sha.AppendData(buffer, 0, n);
                sink.Write(buffer.AsSpan(0, n));
            }

            sink.Complete();
            writer.Complete();
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Fill(Span<byte> span, long offset)
    {
        var state = (ulong)offset * 0x9E3779B97F4A7C15UL | 1;
        for (var i = 0; i + 64 <= span.Length; i += 64)
        {
            for (var k = 0; k < 32; k += 8)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                BitConverter.TryWriteBytes(span[(i + k)..], state);
            }

            span.Slice(i + 32, 32).Fill((byte)((offset + i) >> 20));
        }

        span[(span.Length / 64 * 64)..].Fill(7);
    }

    private static string Hash(Stream data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Step];
        int n;
        while ((n = data.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
