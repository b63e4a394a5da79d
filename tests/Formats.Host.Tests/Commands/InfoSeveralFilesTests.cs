using System.Globalization;
using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary><c>info</c> over several files, and each archive member's stored size and compression as zipinfo shows them.</summary>
public sealed class InfoSeveralFilesTests
{
    [Fact]
    public async Task MemberSizesAreZipfilesAndTheSavingIsZipinfosRatio()
    {
        using var dir = new TempDir();
        var sizes = NumPy.Run("""
            import zipfile
            np.savez_compressed('z.npz', a=np.arange(1000), b=np.random.default_rng(1).random(10), c=np.zeros(0))
            np.savez('s.npz', a=np.arange(10))
            for name in ['z.npz', 's.npz']:
                for i in zipfile.ZipFile(name).infolist():
                    print(name, i.filename[:-4], i.compress_size, i.file_size)
            """, dir.Path).Trim().Split('\n').Select(l => l.Split(' ')).ToList();

        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("z.npz"), dir.File("s.npz"), "--json");

        Assert.True(code == 0, stderr);
        var files = stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal(2, files.Count);
        var members = files.SelectMany(f => f.RootElement.GetProperty("arrays").EnumerateArray()
            .Select(a => (Path.GetFileName(f.RootElement.GetProperty("path").GetString()), a))).ToList();
        Assert.Equal(sizes.Count, members.Count);
        for (var i = 0; i < sizes.Count; i++)
        {
            var (file, array) = members[i];
            var stored = long.Parse(sizes[i][2], CultureInfo.InvariantCulture);
            var unpacked = long.Parse(sizes[i][3], CultureInfo.InvariantCulture);
            Assert.Equal(sizes[i][0], file);
            Assert.Equal(sizes[i][1], array.GetProperty("name").GetString());
            Assert.Equal(stored, array.GetProperty("stored_bytes").GetInt64());
            Assert.Equal(unpacked, array.GetProperty("unpacked_bytes").GetInt64());

            // zipinfo: the share saved in per mille, rounded half up, shown with one decimal.
            var expected = Math.Round(1000.0 * (unpacked - stored) / unpacked, MidpointRounding.AwayFromZero) / 10;
            Assert.Equal(expected, array.GetProperty("saved_percent").GetDouble());

            // The fields from before are all still there.
            foreach (var field in new[] { "dtype", "shape", "fortran_order", "nbytes", "version", "compressed", "mappable", "data_offset" })
            {
                Assert.True(array.TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(0, members.Single(m => m.Item1 == "s.npz").a.GetProperty("saved_percent").GetDouble());
        foreach (var f in files)
        {
            f.Dispose();
        }
    }

    [Fact]
    public async Task TextShowsEachMembersStoredSizeAndSaving()
    {
        using var dir = new TempDir();
        var sizes = NumPy.Run("""
            import zipfile
            np.savez_compressed('z.npz', a=np.arange(1000))
            i = zipfile.ZipFile('z.npz').infolist()[0]
            print(i.compress_size, i.file_size)
            """, dir.Path).Trim().Split(' ').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var saved = (Math.Round(1000.0 * (sizes[1] - sizes[0]) / sizes[1], MidpointRounding.AwayFromZero) / 10).ToString("0.0", CultureInfo.InvariantCulture);

        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("z.npz"));

        Assert.True(code == 0, stderr);
        Assert.EndsWith($", compressed, stored {sizes[0]} of {sizes[1]} bytes ({saved}%)", stdout.Trim().Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatFailsIsOneErrorLineAndTheOthersAreStillDescribed()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3))\nnp.save('b.npy', np.ones((2, 2)))", dir.Path);
        File.WriteAllText(dir.File("bad.npy"), "\x93NUMPY garbage");
        var missing = dir.File("missing.npy");

        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("a.npy"), dir.File("bad.npy"), missing, dir.File("b.npy"));

        Assert.Equal(1, code);
        Assert.Contains($"{dir.File("a.npy")}: npy, 1 array(s)", stdout, StringComparison.Ordinal);
        Assert.Contains($"{dir.File("b.npy")}: npy, 1 array(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("shape (2, 2)", stdout, StringComparison.Ordinal);
        var errors = stderr.TrimEnd().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"error: {dir.File("bad.npy")}: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("error: ", errors[1], StringComparison.Ordinal);
        Assert.Contains(missing, errors[1], StringComparison.Ordinal);

        (code, stdout, _) = await Cli.RunAsync("info", dir.File("a.npy"), dir.File("bad.npy"), "--json");

        Assert.Equal(1, code);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        using var good = JsonDocument.Parse(lines[0]);
        Assert.Equal("[3]", good.RootElement.GetProperty("arrays")[0].GetProperty("shape").GetRawText());
        using var bad = JsonDocument.Parse(lines[1]);
        Assert.Equal(dir.File("bad.npy"), bad.RootElement.GetProperty("path").GetString());
        Assert.False(string.IsNullOrEmpty(bad.RootElement.GetProperty("error").GetString()));
    }
}
