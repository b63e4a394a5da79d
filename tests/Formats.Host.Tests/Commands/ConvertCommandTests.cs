using Formats.Testing;

namespace Formats.Host.Tests.Commands;

public sealed class ConvertCommandTests
{
    [Fact]
    public async Task NpyToRawIsCOrderBytesAndBack()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f.npy', np.asfortranarray(np.arange(6, dtype='>i4').reshape(2, 3)))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("f.npy"), dir.File("f.dat"));
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("f.dat"), dir.File("back.npy"), "--dtype", ">i4", "--shape", "2,3");
        Assert.True(code == 0, stderr);
        var check = NumPy.Run(
            "a = np.fromfile('f.dat', dtype='>i4')\nassert (a == np.arange(6)).all(), a\n"
            + "b = np.load('back.npy')\nassert b.dtype == np.dtype('>i4') and (b == np.arange(6).reshape(2, 3)).all()\nprint('ok')",
            dir.Path);
        Assert.Equal("ok", check.Trim());
    }

    [Fact]
    public async Task AShapeWithMinusOneIsInferredAsNumPysReshapeInfersIt()
    {
        using var dir = new TempDir();
        NumPy.Run("np.arange(40, dtype='<i2').tofile('rec.dat')", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("rec.dat"), dir.File("rec.npy"), "--dtype", "<i2", "--shape", "-1,4");

        Assert.True(code == 0, stderr);
        var check = NumPy.Run(
            "a = np.load('rec.npy')\nb = np.fromfile('rec.dat', dtype='<i2').reshape(-1, 4)\n"
            + "assert a.dtype == b.dtype and a.shape == b.shape == (10, 4) and (a == b).all(), a\nprint('ok')",
            dir.Path);
        Assert.Equal("ok", check.Trim());
    }

    [Fact]
    public async Task AShapeWithMinusOneThatDoesNotDivideIsNumPysReshapeError()
    {
        using var dir = new TempDir();
        NumPy.Run("np.arange(10, dtype='<i2').tofile('rec.dat')", dir.Path);
        var numpy = NumPy.Run(
            "try:\n    np.fromfile('rec.dat', dtype='<i2').reshape(-1, 4)\nexcept ValueError as e:\n    print(e)", dir.Path).Trim();

        var (code, stdout, stderr) = await Cli.RunAsync("convert", dir.File("rec.dat"), dir.File("rec.npy"), "--dtype", "<i2", "--shape", "-1,4");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {dir.File("rec.dat")}: {numpy}", stderr.TrimEnd());
        Assert.False(File.Exists(dir.File("rec.npy")));
    }

    [Fact]
    public async Task RowsCopiesOnlyThoseRows()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(40, dtype='<f8').reshape(10, 4))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.npy"), "--rows", "-3:");
        Assert.True(code == 0, stderr);
        var same = NumPy.Run("import io\nb = io.BytesIO(); np.save(b, np.load('a.npy')[-3:])\nprint(b.getvalue() == open('b.npy', 'rb').read())", dir.Path);
        Assert.Equal("True", same.Trim());
    }

    [Fact]
    public async Task ExplicitToOverridesTheExtension()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3, dtype='<i2'))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("a.bin"), "--to", "npy");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), File.ReadAllBytes(dir.File("a.bin")));
    }

    [Fact]
    public async Task FailureLeavesExistingOutputAndPrintsOneLine()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("bad.npy"), "\u0093NUMPY\u0001\u0000"u8.ToArray());
        File.WriteAllText(dir.File("out.npy"), "keep me");
        var (code, stdout, stderr) = await Cli.RunAsync("convert", dir.File("bad.npy"), dir.File("out.npy"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: " + dir.File("bad.npy") + ": ", line, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(dir.File("out.npy")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public async Task UnknownOutputExtensionListsFormats()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("a.xyz"));
        Assert.Equal(1, code);
        Assert.Contains("known formats: csv, npy, npz, raw, tsv, txt", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("a.xyz")));
    }

    [Fact]
    public async Task AppendGrowsTheFileAndNumPyLoadsIt()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('t.npy', np.arange(6, dtype='<i8').reshape(3, 2))\nnp.save('s.npy', np.arange(6, 10, dtype='<i8').reshape(2, 2))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("append", dir.File("t.npy"), dir.File("s.npy"));
        Assert.True(code == 0, stderr);
        Assert.Contains("shape now (5, 2)", stderr, StringComparison.Ordinal);
        var check = NumPy.Run("a = np.load('t.npy')\nprint(a.shape, (a.ravel() == np.arange(10)).all())", dir.Path);
        Assert.Equal("(5, 2) True", check.Trim());
    }
}
