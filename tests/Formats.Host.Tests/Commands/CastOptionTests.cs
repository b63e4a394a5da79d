using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary><c>convert --cast DTYPE [--casting RULE] [--check-range]</c> from the command line.</summary>
public sealed class CastOptionTests
{
    [Fact]
    public async Task CastWritesWhatAstypeGivesIncludingTheLessonsTrap()
    {
        using var dir = new TempDir();
        NumPy.Run("""
np.save('a.npy', np.array([253, 254, 255, 256, 300, -1], dtype='<i8'))
np.savez('m.npz', t=np.array([.1, .2, 2.9, -2.9]), v=np.array([300, 678], dtype='<u2'))
""", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.npy"), "--cast", "uint8");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("m.npz"), dir.File("t.npy"), "--name", "t", "--cast", ">i2");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("m.npz"), dir.File("all.npz"), "--cast", "f2", "--casting", "same_kind", "--compress");
        Assert.True(code == 0, stderr);

        Assert.Equal("ok", NumPy.Run("""
import io
def same(path, a):
    b = io.BytesIO(); np.save(b, a)
    assert open(path, 'rb').read() == b.getvalue(), (path, np.load(path), a)
same('b.npy', np.load('a.npy').astype(np.uint8))
assert np.load('b.npy').tolist() == [253, 254, 255, 0, 44, 255]
same('t.npy', np.load('m.npz')['t'].astype('>i2'))
z = np.load('all.npz'); m = np.load('m.npz')
assert all(z[k].dtype == np.float16 and (z[k] == m[k].astype(np.float16)).all() for k in ('t', 'v'))
print('ok')
""", dir.Path).Trim());
    }

    [Fact]
    public async Task CheckRangeRefusesWithOneLineNamingFileIndexAndValueAndWritesNothing()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('volts.npy', np.array([[1, 2], [3, 300]], dtype='<i4'))", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync("convert", dir.File("volts.npy"), dir.File("v.npz"), "--cast", "u1", "--check-range", "--compress");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + dir.File("volts.npy") + ": element 3 (300)", line, StringComparison.Ordinal);
        Assert.Contains("uint8", line, StringComparison.Ordinal);
        Assert.Equal(["volts.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("volts.npy"), dir.File("v.npz"), "--cast", "u2", "--check-range");
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public async Task CastingRulesRefuseAsNumPyWould()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f.npy', np.arange(4.0))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("f.npy"), dir.File("i.npy"), "--cast", "i4", "--casting", "safe");
        Assert.Equal(1, code);
        Assert.Contains("according to the rule 'safe'", stderr, StringComparison.Ordinal);
        Assert.Contains("(--casting unsafe allows it)", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("i.npy")));

        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("f.npy"), dir.File("i.npy"), "--cast", ">f8", "--casting", "equiv");
        Assert.True(code == 0, stderr);
    }

    [Theory]
    [InlineData("--cast", "S3")]
    [InlineData("--cast", "nonsense")]
    [InlineData("--casting", "loose")]
    public async Task BadValuesAreUsageErrors(string option, string value)
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f.npy', np.arange(4.0))", dir.Path);
        var args = option == "--cast" ? new[] { option, value } : ["--cast", "i4", option, value];

        var (code, _, stderr) = await Cli.RunAsync(["convert", dir.File("f.npy"), dir.File("o.npy"), .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: " + option, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRangeWithoutCastIsRefused()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f.npy', np.arange(4.0))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("f.npy"), dir.File("o.npy"), "--check-range");

        Assert.Equal(1, code);
        Assert.Contains("need --cast", stderr, StringComparison.Ordinal);
    }
}
