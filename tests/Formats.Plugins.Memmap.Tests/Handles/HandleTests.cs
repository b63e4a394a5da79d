using System.Diagnostics;
using Formats.Plugins.Memmap.Tests.Support;
using Formats.Testing;
using Xunit.Abstractions;

namespace Formats.Plugins.Memmap.Tests.Handles;

/// <summary>Dispose releases the file at once: mapping many files one after another piles up no descriptors (numpy#13510).</summary>
/// <remarks>Alone in its collection: descriptors are counted for the whole process, which other tests' NumPy runs use too.</remarks>
[Collection(nameof(HandleTests))]
public sealed class HandleTests(MapCorpus corpus, ITestOutputHelper output) : IClassFixture<MapCorpus>
{
    private const int Files = 10_000;

    [Fact]
    public void MappingTenThousandFilesOneAfterAnotherLeavesNoOpenDescriptors()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(corpus.Path("c.npy"));
        var paths = Enumerable.Range(0, Files).Select(i => dir.File($"a{i}.npy")).ToArray();
        foreach (var path in paths)
        {
            File.WriteAllBytes(path, bytes);
        }

        // One warm-up map, so lazily opened runtime files are not counted as growth.
        using (corpus.Files.Map(paths[0]))
        {
        }

        var before = OpenDescriptors();
        var clock = Stopwatch.StartNew();
        double sum = 0;
        var most = before;
        for (var i = 0; i < paths.Length; i++)
        {
            using var array = corpus.Files.Map(paths[i], new MapRequest { Mode = i % 2 == 0 ? MapMode.ReadOnly : MapMode.ReadWrite });
            sum += array.AsSpan<double>()[23];
            if (i % 1000 == 0)
            {
                most = Math.Max(most, OpenDescriptors());
            }
        }

        clock.Stop();
        var after = OpenDescriptors();
        output.WriteLine($"{Files} maps in {clock.Elapsed.TotalMilliseconds:F0} ms ({clock.Elapsed.TotalMicroseconds / Files:F0} us each); descriptors {before} before, {after} after, at most {most}");

        Assert.Equal(Files * ((23 * 1.5) - 7), sum);
        Assert.InRange(after, 0, before + 8);
        Assert.InRange(most, 0, before + 8);
    }

    [CollectionDefinition(nameof(HandleTests), DisableParallelization = true)]
    public sealed class Serial;

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}
