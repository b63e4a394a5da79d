using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Engine;

/// <summary>The CLI's paths through ArrayFiles.ConvertAsync and `formats info --json`, checked by NumPy.</summary>
public sealed class ConvertAndInfoTests : IDisposable
{
    private readonly TempDir dir = new();

    public ConvertAndInfoTests() => NumPy.Run("""
        rng = np.random.default_rng(3)
        src = dict(a=rng.random((20, 30)), b=np.arange(1000, dtype='<i8'),
                   c=np.array([(1, 2.0), (3, 4.0)], dtype=[('x', '<i4'), ('y', '<f8')]),
                   f=np.asfortranarray(np.arange(12, dtype='<f4').reshape(3, 4)))
        np.savez('src.npz', **src)
        np.savez_compressed('srcz.npz', **src)
        np.savez('one.npz', only=np.arange(7, dtype='<u2'))
        np.save('ephys.npy', np.arange(50, dtype='<f4'))
        """, dir.Path);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task NpyToNpzNamesTheMemberAfterTheInputOrTheGivenName()
    {
        await NpzTest.Files.ConvertAsync(dir.File("ephys.npy"), dir.File("stem.npz"));
        await NpzTest.Files.ConvertAsync(dir.File("ephys.npy"), dir.File("named.npz"), write: new WriteRequest { MemberName = "spikes", Compress = true });
        Assert.Equal("['ephys'] True ['spikes'] True", Py("""
            s, n, e = np.load('stem.npz'), np.load('named.npz'), np.load('ephys.npy')
            print(s.files, np.array_equal(s['ephys'], e), n.files, np.array_equal(n['spikes'], e))
            """));
    }

    [Fact]
    public async Task NpzToNpzCopiesEveryMemberWithAndWithoutCompression()
    {
        await NpzTest.Files.ConvertAsync(dir.File("src.npz"), dir.File("z.npz"), write: new WriteRequest { Compress = true });
        await NpzTest.Files.ConvertAsync(dir.File("z.npz"), dir.File("s.npz"));
        Assert.Equal("True [8, 8, 8, 8] True", Py("""
            import zipfile
            a, z = np.load('src.npz'), np.load('z.npz')
            same = a.files == z.files and all(np.array_equal(a[k], z[k]) and a[k].dtype == z[k].dtype for k in a.files)
            print(same, [i.compress_type for i in zipfile.ZipFile('z.npz').infolist()], zipfile.ZipFile('z.npz').testzip() is None)
            """));

        // Back to stored: the very bytes np.savez wrote.
        Assert.Equal(File.ReadAllBytes(dir.File("src.npz")), File.ReadAllBytes(dir.File("s.npz")));
    }

    [Fact]
    public async Task NpzToNpyTakesTheNamedOrOnlyMember()
    {
        await NpzTest.Files.ConvertAsync(dir.File("srcz.npz"), dir.File("b.npy"), new ReadRequest { Member = "b" });
        await NpzTest.Files.ConvertAsync(dir.File("srcz.npz"), dir.File("f.npy"), new ReadRequest { Member = "f.npy" });
        await NpzTest.Files.ConvertAsync(dir.File("one.npz"), dir.File("only.npy"));
        Assert.Equal("True True True", Py("""
            z = np.load('srcz.npz')
            f = np.load('f.npy')
            print(np.array_equal(np.load('b.npy'), z['b']), np.array_equal(f, z['f']) and f.flags.f_contiguous,
                  np.array_equal(np.load('only.npy'), np.load('one.npz')['only']))
            """));
        var e = await Assert.ThrowsAsync<MemberNotFoundException>(() => NpzTest.Files.ConvertAsync(dir.File("src.npz"), dir.File("x.npy")));
        Assert.Null(e.Requested);
        Assert.Equal(["a", "b", "c", "f"], e.Members);
        var (code, _, stderr) = await Cli("convert", dir.File("src.npz"), dir.File("x.npy"));
        Assert.Equal(1, code);
        Assert.Contains("name one (choose one with --name)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpzToFolderAndFolderToNpz()
    {
        var folder = Path.Combine(dir.Path, "members") + Path.DirectorySeparatorChar;
        var extracted = await NpzTest.Files.ConvertAsync(dir.File("srcz.npz"), folder);
        Assert.Equal(["a", "b", "c", "f"], extracted.Arrays);
        await NpzTest.Files.ConvertAsync(folder.TrimEnd(Path.DirectorySeparatorChar), dir.File("packed.npz"), write: new WriteRequest { Compress = true });
        Assert.Equal("True True", Py("""
            z, p = np.load('srcz.npz'), np.load('packed.npz')
            files = all(np.array_equal(np.load(f'members/{k}.npy'), z[k]) for k in z.files)
            print(files, p.files == z.files and all(np.array_equal(p[k], z[k]) for k in z.files))
            """));
    }

    [Theory]
    [InlineData("src.npz", false)]
    [InlineData("srcz.npz", true)]
    public async Task InfoJsonDescribesTheArchive(string file, bool compressed)
    {
        var (code, stdout, stderr) = await Cli("info", dir.File(file), "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("npz", root.GetProperty("format").GetString());
        Assert.Equal(compressed, root.GetProperty("compressed").GetBoolean());
        var arrays = root.GetProperty("arrays").EnumerateArray().ToList();
        Assert.Equal(["a", "b", "c", "f"], arrays.Select(a => a.GetProperty("name").GetString()));
        var a = arrays[0];
        Assert.Equal("<f8", a.GetProperty("dtype").GetString());
        Assert.Equal([20, 30], a.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.False(a.GetProperty("fortran_order").GetBoolean());
        Assert.Equal(4800, a.GetProperty("nbytes").GetInt64());
        Assert.Equal("[[\"x\",\"<i4\"],[\"y\",\"<f8\"]]", arrays[2].GetProperty("dtype").GetRawText());
        Assert.True(arrays[3].GetProperty("fortran_order").GetBoolean());
        Assert.All(arrays, x => Assert.Equal(compressed, x.GetProperty("compressed").GetBoolean()));

        // Stored members are mappable where zipfile and the NPY header say their data starts; deflated ones are not.
        Assert.All(arrays, x => Assert.Equal(!compressed, x.GetProperty("mappable").GetBoolean()));
        var offsets = compressed ? [null, null, null, null] : DataOffsetsByPython(file);
        Assert.Equal(offsets, arrays.Select(x => x.GetProperty("data_offset").ValueKind == JsonValueKind.Null ? (long?)null : x.GetProperty("data_offset").GetInt64()));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(4096)]
    public async Task CliConvertAlignsStoredMembersAndInfoShowsTheirOffsets(int alignment)
    {
        var output = $"aligned{alignment}.npz";
        var (code, _, stderr) = await Cli("convert", dir.File("src.npz"), dir.File(output), "--align", alignment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, stderr);
        Assert.Equal("True", Py($$"""
            a, z = np.load('src.npz'), np.load('{{output}}')
            print(a.files == z.files and all(np.array_equal(a[k], z[k]) and a[k].dtype == z[k].dtype for k in a.files))
            """));
        var offsets = DataOffsetsByPython(output);
        Assert.All(offsets, o => Assert.Equal(0, o!.Value % alignment));

        (code, var stdout, stderr) = await Cli("info", dir.File(output), "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var arrays = json.RootElement.GetProperty("arrays").EnumerateArray().ToList();
        Assert.All(arrays, x => Assert.True(x.GetProperty("mappable").GetBoolean()));
        Assert.Equal(offsets, arrays.Select(x => (long?)x.GetProperty("data_offset").GetInt64()));

        // With --compress the members are deflated and left as they are: the bytes of the unaligned output.
        (code, _, stderr) = await Cli("convert", dir.File("src.npz"), dir.File("z-aligned.npz"), "--compress", "--align", "4096");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await Cli("convert", dir.File("src.npz"), dir.File("z-plain.npz"), "--compress");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("z-plain.npz")), File.ReadAllBytes(dir.File("z-aligned.npz")));
    }

    // Each member's array data offset, in order, from zipfile's header_offset, the local header's length and the
    // NPY header's length; zipfile's testzip runs first.
    private List<long?> DataOffsetsByPython(string file) =>
        JsonSerializer.Deserialize<List<long?>>(Py($$"""
            import zipfile, struct
            out = []
            with zipfile.ZipFile('{{file}}') as z, open('{{file}}', 'rb') as f:
                assert z.testzip() is None
                for i in z.infolist():
                    f.seek(i.header_offset + 26)
                    name_length, extra_length = struct.unpack('<HH', f.read(4))
                    f.seek(name_length + extra_length, 1)
                    np.lib.format._read_array_header(f, np.lib.format.read_magic(f))
                    out.append(f.tell())
            print(json.dumps(out))
            """))!;

    [Fact]
    public async Task CliConvertCompressesWithLevelAndName()
    {
        var (code, _, stderr) = await Cli("convert", dir.File("ephys.npy"), dir.File("cli.npz"), "--compress", "--level", "3", "--name", "trace");
        Assert.True(code == 0, stderr);
        var (code2, _, stderr2) = await Cli("convert", dir.File("cli.npz"), dir.File("back.npy"), "--name", "trace");
        Assert.True(code2 == 0, stderr2);
        Assert.Equal("['trace'] 8 True", Py("""
            import zipfile
            print(np.load('cli.npz').files, zipfile.ZipFile('cli.npz').infolist()[0].compress_type, np.array_equal(np.load('back.npy'), np.load('ephys.npy')))
            """));
    }

    private string Py(string script) => NumPy.Run(script, dir.Path).Trim();

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Formats.Host.CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
