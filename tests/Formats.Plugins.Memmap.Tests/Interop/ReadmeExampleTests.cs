using Formats.Plugins.Memmap.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Memmap.Tests.Interop;

/// <summary>The README's "Memory-mapped access" lines, compiled and run (on a smaller array).</summary>
public sealed class ReadmeExampleTests(MapCorpus corpus) : IClassFixture<MapCorpus>
{
    [Fact]
    public void TheReadmeExampleRuns()
    {
        using var dir = new TempDir();
        var files = corpus.Files;
        var recording = dir.File("recording.npy");
        var output = dir.File("out.npy");
        NumPy.Run("np.save('recording.npy', np.ones((1001, 64), '<f4'))", dir.Path);

        using (NDArray rec = files.Map(recording, new MapRequest { Mode = MapMode.ReadWrite }))
        {
            Span<float> row = rec.AsSpan<float>(start: 1000 * 64, count: 64);
            row[0] = 0;
            rec.Flush();
        }

        using NDArray created = files.CreateMapped(output, new ArrayHeader(DType.Float32, new ArrayShape(1_000, 64), ArrayOrder.C));

        Assert.Equal("0.0 1.0", NumPy.Run("m = np.load('recording.npy'); print(m[1000, 0], m[999, 0])", dir.Path).Trim());
        Assert.Equal(64_000, created.ElementCount);
    }
}
