using System.Text.Json;
using Formats.Plugins.Npy.Tests.BadInput;
using Formats.Plugins.Npz.Tests.Safety;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats verify</c>: every corrupt file of the NPY and NPZ bad-input suites fails with its reason, every file NumPy
/// writes (many dtypes, <c>savez</c>, <c>savez_compressed</c>) passes. One NumPy run writes the valid files.
/// </summary>
public sealed class VerifyCommandTests(VerifyCommandTests.NumPyFiles numpy) : IClassFixture<VerifyCommandTests.NumPyFiles>
{
    [Fact]
    public async Task EveryCorruptNpyOrRawFileFailsWithItsReason()
    {
        using var dir = new TempDir();
        var problems = new List<string>();
        foreach (var c in BadInputCases.All)
        {
            var path = dir.File(c.FileName);
            File.WriteAllBytes(path, c.Bytes);
            string[] options = c.CliArgs ?? (c.Request.MaxHeaderSize is { } max ? ["--max-header-size", max.ToString(System.Globalization.CultureInfo.InvariantCulture)] : []);
            var (code, stdout, stderr) = await Cli.RunAsync(["verify", path, .. options]);
            var line = stdout.Split('\n')[0];
            var fragment = c.Fragment;
            if (code != 1 || !line.StartsWith($"{path}: FAILED: ", StringComparison.Ordinal) || !line.Contains(fragment, StringComparison.Ordinal)
                || !stdout.Contains("1 file(s) verified: 0 ok, 1 failed", StringComparison.Ordinal))
            {
                problems.Add($"{c.Name}: exit {code}, {stdout}{stderr}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryTruncationOfANumPyFileFails()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(numpy.Dir.File("f8_2d.npy"));
        var paths = Enumerable.Range(0, bytes.Length).Select(n =>
        {
            var path = dir.File($"cut{n}.npy");
            File.WriteAllBytes(path, bytes[..n]);
            return path;
        }).ToList();

        var (code, stdout, _) = await Cli.RunAsync(["verify", .. paths]);

        Assert.Equal(1, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(paths.Count + 1, lines.Length);
        Assert.All(paths.Zip(lines), p => Assert.StartsWith($"{p.First}: FAILED: ", p.Second, StringComparison.Ordinal));
        Assert.Contains("data is truncated", lines[^2], StringComparison.Ordinal);
        Assert.Equal($"{paths.Count} file(s) verified: 0 ok, {paths.Count} failed", lines[^1]);
    }

    [Fact]
    public async Task EveryCorruptArchiveFailsWithItsReason()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        var cases = NpzBadInputCases.Build(File.ReadAllBytes(numpy.Dir.File("bases_stored.npz")), File.ReadAllBytes(numpy.Dir.File("bases_deflated.npz")),
            (bytes, name) =>
            {
                var path = dir.File("offset.npz");
                File.WriteAllBytes(path, bytes);
                return files.Inspect(path).Entries.Single(e => e.Name == name).Data!.Value.Offset;
            });
        Assert.True(cases.Count >= 30, $"only {cases.Count} cases");
        var problems = new List<string>();
        foreach (var c in cases)
        {
            var path = dir.File(c.Name + ".npz");
            File.WriteAllBytes(path, c.Bytes);
            var (code, stdout, stderr) = await Cli.RunAsync("verify", path);
            var line = stdout.Split('\n')[0];
            if (code != 1 || !line.StartsWith($"{path}: FAILED: ", StringComparison.Ordinal) || !line.Contains(c.Fragment, StringComparison.Ordinal))
            {
                problems.Add($"{c.Name}: exit {code}, {stdout}{stderr}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryFileNumPyWritesPasses()
    {
        var paths = numpy.Valid.Select(numpy.Dir.File).ToList();

        var (code, stdout, stderr) = await Cli.RunAsync(["verify", .. paths]);

        Assert.True(code == 0, stdout + stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(paths.Count + 1, lines.Length);
        Assert.All(paths.Zip(lines), p => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(p.First)}: ok \\(\\d+ array\\(s\\), \\d+ data bytes\\)$", p.Second));
        Assert.Equal($"{paths.Count} file(s) verified: {paths.Count} ok, 0 failed", lines[^1]);
        Assert.Contains($"{numpy.Dir.File("many.npz")}: ok (12 array(s), ", stdout, StringComparison.Ordinal);
        Assert.Contains($"{numpy.Dir.File("empty.npz")}: ok (0 array(s), 0 data bytes)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonListsEachFileAndTheCounts()
    {
        using var dir = new TempDir();
        var trailing = dir.File("trailing.npy");
        File.WriteAllBytes(trailing, [.. File.ReadAllBytes(numpy.Dir.File("f8_2d.npy")), .. "junk"u8]);
        var good = numpy.Dir.File("many_compressed.npz");
        var missing = dir.File("missing.npy");

        var (code, stdout, stderr) = await Cli.RunAsync("verify", good, trailing, missing, "--json");

        Assert.True(code == 1, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([good, trailing, missing], files.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal([true, false, false], files.Select(f => f.GetProperty("ok").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("error").ValueKind);
        Assert.Equal(12, files[0].GetProperty("arrays").GetInt32());
        Assert.Equal("4 byte(s) after the data (np.load ignores them, np.save never writes them)", files[1].GetProperty("error").GetString());
        Assert.Equal("no such file", files[2].GetProperty("error").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("ok").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("failed").GetInt32());
    }

    /// <summary>Files written by NumPy: valid ones of many dtypes, and the two archives the NPZ bad-input cases break.</summary>
    public sealed class NumPyFiles : IDisposable
    {
        public NumPyFiles()
        {
            Valid = NumPy.Run("""
                rng = np.random.default_rng(1)
                np.savez('bases_stored.npz', a=rng.random(1000), b=np.arange(10000))
                np.savez_compressed('bases_deflated.npz', a=rng.random(1000), b=np.arange(10000))
                arrays = {
                    'b1': np.array([True, False]), 'i1': np.arange(-5, 5, dtype='i1'), 'i2': np.arange(7, dtype='>i2'),
                    'i4': np.arange(9, dtype='i4'), 'i8': np.arange(4), 'u1': np.arange(200, dtype='u1'), 'u2': np.arange(3, dtype='u2'),
                    'u4': np.arange(3, dtype='>u4'), 'u8': np.arange(3, dtype='u8'), 'f2': np.ones(5, dtype='f2'), 'f4': rng.random(6).astype('f4'),
                    'f8_2d': rng.random((3, 4)), 'f8_big_endian': rng.random(5).astype('>f8'), 'c8': np.ones(3, dtype='c8'), 'c16': np.ones(3, dtype='c16'),
                    'M8': np.array(['2020-01-01', 'NaT'], dtype='M8[D]'), 'm8': np.array([1, 2], dtype='m8[ns]'),
                    'S': np.array([b'ab', b'']), 'U': np.array(['héllo', '']), 'V': np.zeros(3, dtype='V4'),
                    'structured': np.zeros(4, dtype=[('x', '<f4'), ('y', '<i8', (2,)), ('s', [('a', 'u1')])]),
                    'fortran': np.asfortranarray(rng.random((5, 7))), 'zerod': np.array(3.5), 'empty': np.zeros((0, 3)),
                    'large': np.arange(3_000_000, dtype='i4'),
                }
                valid = []
                for k, v in arrays.items():
                    np.save(k + '.npy', v)
                    valid.append(k + '.npy')
                many = {k: arrays[k] for k in ['b1', 'i2', 'u4', 'f2', 'f8_2d', 'c8', 'M8', 'S', 'U', 'structured', 'fortran', 'zerod']}
                np.savez('many.npz', **many)
                np.savez_compressed('many_compressed.npz', **many)
                np.savez('positional.npz', np.arange(3), np.ones(2))
                np.savez_compressed('large_compressed.npz', big=np.arange(3_000_000, dtype='i8'), noise=rng.random(100000))
                np.savez('empty.npz')
                with open('unseekable.npz', 'wb') as f:
                    class Sink:
                        def __init__(self, f): self.f = f
                        def write(self, b): return self.f.write(b)
                        def read(self, n=-1): raise OSError('write only')
                        def tell(self): raise OSError('unseekable')
                        def seek(self, *a): raise OSError('unseekable')
                        def flush(self): pass
                    np.savez(Sink(f), x=np.arange(10), y=np.eye(3))
                valid += ['many.npz', 'many_compressed.npz', 'positional.npz', 'large_compressed.npz', 'empty.npz', 'unseekable.npz',
                          'bases_stored.npz', 'bases_deflated.npz']
                print(json.dumps(valid))
                """, Dir.Path).Trim() is var json ? JsonSerializer.Deserialize<List<string>>(json)! : [];
        }

        public TempDir Dir { get; } = new();

        public IReadOnlyList<string> Valid { get; }

        public void Dispose() => Dir.Dispose();
    }
}
