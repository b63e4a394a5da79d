using System.Diagnostics;
using Formats.Plugins.Memmap.Tests.Support;
using Formats.Testing;
using Xunit.Abstractions;

namespace Formats.Plugins.Memmap.Tests.Big;

/// <summary>A file over 4 GiB: created mapped, its last row read, one element written in r+, read back by NumPy.</summary>
public sealed class BigMapTests(MapCorpus corpus, ITestOutputHelper output) : IClassFixture<MapCorpus>
{
    private const long Columns = 1024;
    private const long Rows = (9L << 29) / (Columns * sizeof(float)); // 4.5 GiB of float32

    [BigFact]
    public void AFileOverFourGiBMapsReadsAndWritesAtItsEnd()
    {
        using var dir = new TempDir();
        var path = dir.File("big.npy");
        var header = new ArrayHeader(DType.Float32, new ArrayShape(Rows, Columns), ArrayOrder.C);
        var clock = Stopwatch.StartNew();

        using (var created = corpus.Files.CreateMapped(path, header))
        {
            Assert.True(created.ByteLength > 4L << 30);
            var lastRow = created.AsSpan<float>((Rows - 1) * Columns, (int)Columns);
            for (var j = 0; j < lastRow.Length; j++)
            {
                lastRow[j] = j + 0.5f;
            }

            created.AsSpan<float>(0, 1)[0] = -3f;
        }

        var createdAt = clock.Elapsed;
        using (var mapped = corpus.Files.Map(path))
        {
            var lastRow = mapped.AsSpan<float>((Rows - 1) * Columns, (int)Columns);
            Assert.Equal(Enumerable.Range(0, (int)Columns).Select(j => j + 0.5f), lastRow.ToArray());
            Assert.Equal(-3f, mapped.AsTensorSpan<float>()[[(nint)0, 0]]);
        }

        var readAt = clock.Elapsed;
        using (var mapped = corpus.Files.Map(path, new MapRequest { Mode = MapMode.ReadWrite }))
        {
            mapped.AsSpan<float>(((Rows - 1) * Columns) + 1000, 1)[0] = 123.25f;
            mapped.Flush();
        }

        var writtenAt = clock.Elapsed;
        var seen = NumPy.Run($"m = np.load(r'{path}', mmap_mode='r'); print(m.shape, m[-1, 1000], m[-1, 1001], m[0, 0], m[Rows // 2, 7])".Replace("Rows", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), dir.Path).Trim();
        clock.Stop();
        output.WriteLine($"{new FileInfo(path).Length} bytes: created and last row filled in {createdAt.TotalMilliseconds:F0} ms, mapped and read {(readAt - createdAt).TotalMilliseconds:F0} ms, r+ write and flush {(writtenAt - readAt).TotalMilliseconds:F0} ms, NumPy check {(clock.Elapsed - writtenAt).TotalMilliseconds:F0} ms");

        Assert.Equal($"({Rows}, {Columns}) 123.25 1001.5 -3.0 0.0", seen);
    }
}
