using EmbeddingSample;
using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>The README's embedding example is this compiled sample, and it runs.</summary>
public sealed class EmbeddingExampleTests
{
    [Fact]
    public void ExampleRunsOnAFileNumPyWrote()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('v.npy', np.array([0.5, 1.5, 2.0, 4.0]))", dir.Path);
        Assert.Equal(8.0, EmbeddingExample.SumOf(dir.File("v.npy")));
    }

    [Fact]
    public void ReadmeShowsTheCompiledExample()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EmbeddingExample.cs.txt"));
        var body = sample[sample.IndexOf("        var services", StringComparison.Ordinal)..sample.IndexOf("        return array", StringComparison.Ordinal)];
        var lines = body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        foreach (var line in lines)
        {
            Assert.Contains(line, readme, StringComparison.Ordinal);
        }
    }
}
