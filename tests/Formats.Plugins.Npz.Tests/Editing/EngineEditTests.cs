using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Editing;

/// <summary>ArrayFiles edits archives atomically through the format's editor, copying untouched members as they are.</summary>
public sealed class EngineEditTests
{
    private const string Describe = """
        import zipfile
        with zipfile.ZipFile('a.npz') as z:
            print(json.dumps({i.filename: [i.CRC, i.compress_size, i.compress_type] for i in z.infolist()}))
        """;

    [Fact]
    public async Task SetAndRemoveMembersWithoutTouchingTheOthers()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez_compressed('a.npz', a=np.arange(1000), b=np.linspace(0, 1, 5000))", dir.Path);
        var before = NumPy.Run(Describe, dir.Path);
        var files = TestServices.Files();

        using (var c = NDArray.FromValues<short>([1, 2, 3]))
        using (var a = NDArray.FromValues<int>([7, 8]))
        {
            await files.SetMembersAsync(dir.File("a.npz"), [new("c", c), new("a", a)], new WriteRequest { Compress = true });
        }

        var check = NumPy.Run("""
            z = np.load('a.npz')
            assert z.files == ['a', 'b', 'c'], z.files
            assert (z['a'] == [7, 8]).all() and z['a'].dtype == np.int32
            assert (z['b'] == np.linspace(0, 1, 5000)).all()
            assert (z['c'] == [1, 2, 3]).all() and z['c'].dtype == np.int16
            import zipfile
            assert zipfile.ZipFile('a.npz').testzip() is None
            print('ok')
            """, dir.Path);
        Assert.Equal("ok", check.Trim());
        var after = NumPy.Run(Describe, dir.Path);
        Assert.Equal(Member(before, "b.npy"), Member(after, "b.npy"));

        await files.RemoveMembersAsync(dir.File("a.npz"), ["b"]);
        Assert.Equal("['a', 'c']", NumPy.Run("print(np.load('a.npz').files)", dir.Path).Trim());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task FailedEditLeavesTheArchiveUnchanged()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', x=np.arange(3))\nnp.save('x.npy', np.arange(3))", dir.Path);
        var bytes = await File.ReadAllBytesAsync(dir.File("a.npz"));
        var files = TestServices.Files();

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.RemoveMembersAsync(dir.File("a.npz"), ["x", "missing"]));
        Assert.StartsWith(dir.File("a.npz") + ": no member 'missing'", e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(dir.File("a.npz")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);

        var notArchive = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.RemoveMembersAsync(dir.File("x.npy"), ["x"]));
        Assert.Contains("cannot be edited", notArchive.Message, StringComparison.Ordinal);
    }

    private static string Member(string json, string name)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty(name).GetRawText();
    }
}
