using System.IO.Compression;
using System.IO.Hashing;
using Formats.Compression.Inflate;
using Formats.Testing;

namespace Formats.Compression.Tests.Inflate;

/// <summary>A deflate stream inflating to more than 4 GiB, split across threads: 64-bit offsets everywhere.</summary>
public sealed class BigStreamTests
{
    [BigFact]
    public void AStreamOver4GiBInflatesInParallelToTheSameCrc()
    {
        const long length = (4L << 30) + 12_345;
        using var dir = new TempDir();
        var path = dir.File("big.deflate");
        var crc = new Crc32();
        using (var file = File.Create(path))
        using (var deflate = new DeflateStream(file, CompressionLevel.Optimal))
        {
            // Ascending int32 with a little noise: compresses about 3:1, matches at short distances everywhere. Level 6 as
            // NumPy's zlib (dynamic blocks; zlib-ng's fastest level writes one fixed-code block for the whole stream).
            var buffer = new byte[1 << 20];
            var random = new Random(4);
            var value = 0;
            for (long done = 0; done < length; done += buffer.Length)
            {
                for (var i = 0; i < buffer.Length; i += 4)
                {
                    BitConverter.TryWriteBytes(buffer.AsSpan(i), value++ + random.Next(1, 20));
                }

                var n = (int)Math.Min(buffer.Length, length - done);
                deflate.Write(buffer, 0, n);
                crc.Append(buffer.AsSpan(0, n));
            }
        }

        using var source = new FileSource(path);
        using var input = new SplitInflatedInput(source, new DeflatedRange(0, source.Length, length), 2);
        var read = new byte[1 << 20];
        long total = 0;
        int got;
        while ((got = input.Read(read)) > 0)
        {
            total += got;
        }

        input.CheckEnd();
        Assert.Equal(length, total);
        Assert.Equal(crc.GetCurrentHashAsUInt32(), input.Crc);
        Assert.False(input.FellBack, input.FallBackReason);
        Assert.True(input.GuessesTaken > 0);
    }

    private sealed class FileSource(string path) : IPositionalSource, IDisposable
    {
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path);

        public long Length => RandomAccess.GetLength(handle);

        public int ReadAt(long offset, Span<byte> buffer) => RandomAccess.Read(handle, buffer, offset);

        public void Dispose() => handle.Dispose();
    }
}
