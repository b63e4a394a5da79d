using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>The command line's text options: --fmt and --header on write, --dtype and --skip-rows on read.</summary>
public sealed class TextCommandTests
{
    [Fact]
    public async Task ConvertWritesWhatSavetxtWritesWithFmtAndHeader()
    {
        using var dir = new TempDir();
        NumPy.Run("a = np.random.default_rng(3).standard_normal((5, 3))\nnp.save('a.npy', a)\nnp.savetxt('np.tsv', a, fmt='%10.4f', delimiter='\\t', header='x\\ty\\tz')", dir.Path);

        var (code, _, err) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("ours.tsv"), "--fmt", "%10.4f", "--header", "x\ty\tz");

        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(dir.File("np.tsv")), File.ReadAllBytes(dir.File("ours.tsv")));
    }

    [Fact]
    public async Task ConvertReadsTextWithTheDTypeAndSkippedRowsGiven()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "time,count\n0,7\n1,300\n");

        var (code, _, err) = await Cli.RunAsync("convert", dir.File("in.csv"), dir.File("out.npy"), "--dtype", "<i2", "--skip-rows", "1");

        Assert.True(code == 0, err);
        Assert.Equal("True", NumPy.Run(
            "a = np.loadtxt('in.csv', delimiter=',', dtype='<i2', skiprows=1)\nb = np.load('out.npy')\nprint(a.dtype == b.dtype and np.array_equal(a, b))", dir.Path).Trim());
    }

    [Fact]
    public async Task TextOptionsOnOtherInputAreOneErrorLine()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3.0))", dir.Path);

        var (code, _, err) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.npy"), "--skip-rows", "1");

        Assert.Equal(1, code);
        Assert.Equal("error: --skip-rows applies to text input (.csv, .tsv, .txt)", err.Trim());
        (code, _, err) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.csv"), "--fmt", "%.2f,%.2f");
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", Assert.Single(err.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Contains("more than one % sign", err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("b.csv")));
    }
}
