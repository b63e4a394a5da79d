using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary><c>formats edit</c>: members set and removed in one atomic rewrite, the others copied as stored; NumPy reads the result.</summary>
public sealed class EditCommandTests
{
    // The stored (compressed) bytes of each member, read straight from the zip: equal bytes mean "not recompressed".
    private const string RawMembers = """
        import zipfile, struct, hashlib
        def raw(path):
            out = {}
            with zipfile.ZipFile(path) as z, open(path, 'rb') as f:
                for i in z.infolist():
                    f.seek(i.header_offset + 26)
                    n, m = struct.unpack('<HH', f.read(4))
                    f.seek(i.header_offset + 30 + n + m)
                    out[i.filename] = [i.compress_type, hashlib.sha256(f.read(i.compress_size)).hexdigest()]
            return out
        """;

    [Fact]
    public async Task SetAndRemoveGiveWhatNumPyLoadsAndCopyTheOthersAsStored()
    {
        using var dir = new TempDir();
        NumPy.Run($"""
            {RawMembers}
            np.savez_compressed('a.npz', a=np.arange(10000) % 7, b=np.ones(3), c=np.zeros((2, 2)))
            np.save('newb.npy', np.array([[1, 2], [3, 4]], dtype='>i2'))
            np.save('d.npy', np.linspace(0, 1, 5, dtype='<f4'))
            json.dump(raw('a.npz'), open('before.json', 'w'))
            """, dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync("edit", dir.File("a.npz"), "--set", "b=" + dir.File("newb.npy"), "--set", "d=" + dir.File("d.npy"),
            "--remove", "c");

        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        var check = NumPy.Run($"""
            {RawMembers}
            z = np.load('a.npz')
            assert sorted(z.files) == ['a', 'b', 'd'], z.files
            assert (z['a'] == np.arange(10000) % 7).all()
            assert z['b'].dtype == np.dtype('>i2') and (z['b'] == [[1, 2], [3, 4]]).all(), z['b']
            assert z['d'].dtype == np.dtype('<f4') and (z['d'] == np.linspace(0, 1, 5, dtype='<f4')).all()
            before, after = json.load(open('before.json')), raw('a.npz')
            assert after['a.npy'] == before['a.npy'], (before, after)
            assert after['b.npy'][0] == zipfile.ZIP_STORED
            print('ok')
            """, dir.Path);
        Assert.Equal("ok", check.Trim());
        Assert.Equal([dir.File("a.npz"), dir.File("before.json"), dir.File("d.npy"), dir.File("newb.npy")], Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompressDeflatesTheMembersSet()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', a=np.arange(3))\nnp.save('z.npy', np.zeros(1000))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("edit", dir.File("a.npz"), "--set", "z=" + dir.File("z.npy"), "--compress");

        Assert.True(code == 0, stderr);
        var check = NumPy.Run("""
            import zipfile
            z = zipfile.ZipFile('a.npz')
            kinds = {i.filename: i.compress_type for i in z.infolist()}
            assert kinds == {'a.npy': zipfile.ZIP_STORED, 'z.npy': zipfile.ZIP_DEFLATED}, kinds
            assert (np.load('a.npz')['z'] == 0).all() and np.load('a.npz')['z'].shape == (1000,)
            print('ok')
            """, dir.Path);
        Assert.Equal("ok", check.Trim());
    }

    [Fact]
    public async Task AFailedEditLeavesTheArchiveAsItWas()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', a=np.arange(3), b=np.ones(2))", dir.Path);
        File.WriteAllText(dir.File("bad.npy"), "not an array");
        var before = File.ReadAllBytes(dir.File("a.npz"));

        var (code, stdout, stderr) = await Cli.RunAsync("edit", dir.File("a.npz"), "--remove", "nosuch");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {dir.File("a.npz")}: no member 'nosuch'; members: a, b", stderr.TrimEnd());
        Assert.Equal(before, File.ReadAllBytes(dir.File("a.npz")));

        (code, _, stderr) = await Cli.RunAsync("edit", dir.File("a.npz"), "--remove", "a", "--set", "c=" + dir.File("bad.npy"));

        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {dir.File("bad.npy")}: ", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(dir.File("a.npz")));
        Assert.Equal([dir.File("a.npz"), dir.File("bad.npy")], Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--set b", "error: --set takes NAME=FILE, not 'b'")]
    [InlineData("--set =x.npy", "error: --set takes NAME=FILE, not '=x.npy'")]
    [InlineData("", "error: edit needs --set NAME=FILE or --remove NAME")]
    public async Task BadArgumentsAreOneUsageErrorLine(string options, string expected)
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', a=np.arange(3))", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync(["edit", dir.File("a.npz"), .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
    }
}
