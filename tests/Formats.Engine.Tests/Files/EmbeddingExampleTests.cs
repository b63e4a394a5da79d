using EmbeddingSample;
using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>The README's embedding example is this compiled sample, and it runs.</summary>
public sealed class EmbeddingExampleTests
{
    [Fact]
    public void ExampleRunsOnAFileNumPyWroteAndPrintsWhatItsCommentSays()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('volts.npy', np.arange(1000) / 4)", dir.Path);
        var console = Console.Out;
        using var printed = new StringWriter();
        Console.SetOut(printed);
        double sum;
        try
        {
            sum = EmbeddingExample.SumOf(dir.File("volts.npy"));
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal(999 * 1000 / 2 / 4.0, sum);
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EmbeddingExample.cs.txt"));
        var comment = sample.Split('\n').Single(l => l.Contains("Console.WriteLine", StringComparison.Ordinal)).Split("// ")[1].Trim();
        Assert.Contains(comment, printed.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
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
