using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// Ctrl-C during <c>convert ... --outdir</c> on two threads: one error line, no stack trace (a cancelled conversion on
/// the batch's own thread must not end the process), no partial file, every output complete.
/// </summary>
[Collection("publishes the host")]
public sealed class BatchInterruptTests
{
    [Fact]
    public void AnInterruptedBatchLeavesOnlyCompleteOutputs()
    {
        using var dir = new TempDir();
        NumPy.Run("rng = np.random.default_rng(3)\nfor i in range(6):\n    np.save(f'in{i}.npy', rng.standard_normal(4 << 20))", dir.Path);
        var outdir = dir.File("out");
        string[] args = ["convert", .. Enumerable.Range(0, 6).Select(i => dir.File($"in{i}.npy")), "--outdir", outdir, "--to", "npz", "--level", "9", "--parallel", "2"];

        using var convert = FormatsProcess.StartCommand(args);
        convert.WaitUntil(() => Directory.Exists(outdir) && Directory.GetFiles(outdir, ".*.tmp").Length > 0, "a conversion is writing");
        convert.Signal("INT");
        var code = convert.WaitForExit();

        Assert.True(code == 1, convert.Log);
        Assert.Equal("error: cancelled", Assert.Single(convert.Lines, l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.DoesNotContain(convert.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var written = Directory.Exists(outdir) ? Directory.GetFileSystemEntries(outdir) : [];
        Assert.True(written.Length < 6, "interrupted before the last file");
        Assert.All(written, f => Assert.EndsWith(".npz", f, StringComparison.Ordinal));
        foreach (var output in written)
        {
            var name = Path.GetFileNameWithoutExtension(output);
            Assert.Equal("True", NumPy.Run($"print(np.array_equal(np.load('out/{name}.npz')['{name}'], np.load('{name}.npy')))", dir.Path).Trim());
        }
    }
}
