using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary><c>convert IN1 IN2 ... --outdir DIR</c>: many inputs in one call, failures reported, the others converted.</summary>
public sealed class BatchConvertTests
{
    [Fact]
    public async Task MixedInputsConvertTheValidOnesAndNameEachFailure()
    {
        using var dir = new TempDir();
        NumPy.Run(
            "np.save('a.npy', np.arange(12, dtype='<i4').reshape(3, 4))\n"
            + "np.save('b.npy', np.linspace(0, 1, 7, dtype='>f8'))\n"
            + "np.save('c.npy', np.array([b'ab', b'cde'], dtype='S3'))\n",
            dir.Path);
        File.WriteAllBytes(dir.File("bad.npy"), "\u0093NUMPY\u0001\u0000{'descr'"u8.ToArray());
        var outdir = dir.File("out");

        var (code, stdout, stderr) = await Cli.RunAsync(
            "convert", dir.File("a.npy"), dir.File("bad.npy"), dir.File("b.npy"), dir.File("missing.npy"), dir.File("c.npy"), "--outdir", outdir, "--to", "npz");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("error: " + dir.File("bad.npy") + ": ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: " + dir.File("missing.npy") + ": ", StringComparison.Ordinal));
        Assert.StartsWith("converted 3 of 5 file(s) into " + outdir, lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("; 2 failed", lines[^1], StringComparison.Ordinal);
        Assert.Equal(["a.npz", "b.npz", "c.npz"], Directory.GetFiles(outdir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var check = NumPy.Run(
            "for n in 'abc':\n"
            + "    z = np.load(f'out/{n}.npz'); a = np.load(f'{n}.npy')\n"
            + "    assert z.files == [n], z.files\n"
            + "    assert z[n].dtype == a.dtype and z[n].shape == a.shape and (z[n] == a).all(), n\n"
            + "print('ok')",
            dir.Path);
        Assert.Equal("ok", check.Trim());
    }

    [Fact]
    public async Task WithoutToEachOutputKeepsItsInputsFormat()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('x.npy', np.arange(5, dtype='<u2'))\nnp.savez('y.npz', p=np.ones(3), q=np.zeros((2, 2)))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.npy"), dir.File("y.npz"), "--outdir", dir.File("out"));

        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("x.npy")), File.ReadAllBytes(dir.File("out/x.npy")));
        var check = NumPy.Run("z = np.load('out/y.npz')\nprint(z.files, z['p'].tolist(), z['q'].shape)", dir.Path);
        Assert.Equal("['p', 'q'] [1.0, 1.0, 1.0] (2, 2)", check.Trim());
    }

    [Fact]
    public async Task TwoInputsWithOneOutputNameConvertOnceAndReportTheClash()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("p"));
        Directory.CreateDirectory(dir.File("q"));
        NumPy.Run("np.save('p/x.npy', np.arange(3))\nnp.save('q/x.npy', np.arange(4))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("p/x.npy"), dir.File("q/x.npy"), "--outdir", dir.File("out"));

        Assert.Equal(1, code);
        Assert.Contains($"error: {dir.File("q/x.npy")}: its output {Path.Combine(dir.File("out"), "x.npy")} is also the output of {dir.File("p/x.npy")}", stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(dir.File("p/x.npy")), File.ReadAllBytes(dir.File("out/x.npy")));
    }

    [Fact]
    public async Task AFolderThisRunCreatedIsRemovedWhenNothingConverted()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("junk.npy"), "junk");

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("junk.npy"), "--outdir", dir.File("out"));

        Assert.Equal(1, code);
        Assert.Contains("converted 0 of 1 file(s)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.Equal([dir.File("junk.npy")], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task AnOutdirWhoseParentIsMissingIsOneError()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('x.npy', np.arange(3))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.npy"), "--outdir", dir.File("no/such/out"));

        Assert.Equal(1, code);
        Assert.Equal($"error: {dir.File("no/such/out")}: the output folder's parent does not exist", stderr.Trim());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task WithoutOutdirConvertTakesExactlyTwoPaths(int count)
    {
        using var dir = new TempDir();
        var args = new[] { "convert" }.Concat(Enumerable.Range(0, count).Select(i => dir.File($"f{i}.npy"))).ToArray();

        var (code, _, stderr) = await Cli.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal($"error: convert takes an INPUT and an OUTPUT, or inputs and --outdir DIR ({count} path(s) given)", stderr.Trim());
    }

    [Fact]
    public async Task ManyInputsOnSeveralThreadsAreEachConvertedOnce()
    {
        using var dir = new TempDir();
        NumPy.Run("for i in range(40):\n    np.save(f'f{i:02d}.npy', np.arange(i * 50, dtype='<i8').reshape(-1, 5) * i)", dir.Path);
        File.WriteAllText(dir.File("f99.npy"), "not an array");
        var inputs = Enumerable.Range(0, 40).Select(i => dir.File($"f{i:D2}.npy")).Append(dir.File("f99.npy"));

        var (code, _, stderr) = await Cli.RunAsync([.. new[] { "convert" }.Concat(inputs), "--outdir", dir.File("out"), "--to", "npz", "--compress", "--parallel", "3"]);

        Assert.True(code == 1, stderr);
        Assert.True(stderr.TrimEnd().Split('\n')[^1].StartsWith("converted 40 of 41 file(s)", StringComparison.Ordinal), stderr);
        Assert.Single(stderr.Split('\n'), l => l.StartsWith("error: " + dir.File("f99.npy") + ": ", StringComparison.Ordinal));
        Assert.Equal(40, Directory.GetFiles(dir.File("out")).Length);
        Assert.Equal("ok", NumPy.Run(
            "import zipfile\n"
            + "for i in range(40):\n"
            + "    n = f'f{i:02d}'; z = np.load(f'out/{n}.npz')\n"
            + "    assert z.files == [n] and np.array_equal(z[n], np.load(n + '.npy')), n\n"
            + "    assert all(m.compress_type == zipfile.ZIP_DEFLATED for m in zipfile.ZipFile(f'out/{n}.npz').infolist()), n\n"
            + "print('ok')",
            dir.Path).Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    public async Task ABadParallelValueIsAUsageError(string value)
    {
        using var dir = new TempDir();

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), "--outdir", dir.File("out"), "--parallel", value);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("--parallel", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task ParallelWithoutOutdirIsAUsageError()
    {
        using var dir = new TempDir();

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.npy"), "--parallel", "2");

        Assert.Equal(2, code);
        Assert.Equal("error: --parallel applies to many inputs converted with --outdir", stderr.Trim());
    }
}
