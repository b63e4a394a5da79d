using System.Text.Json;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Npy.Tests.Append;

/// <summary>
/// ArrayFiles.AppendAsync against NumPy: in place within np.save's growth reserve (the file grows by exactly the
/// data and becomes byte-identical to np.save of the concatenation), an atomic rewrite when the header has no room,
/// refusals that leave the target untouched.
/// </summary>
public sealed class AppendTests(AppendCorpus corpus) : IClassFixture<AppendCorpus>
{
    public static TheoryData<string> InPlaceNames => [.. AppendCorpus.Cases.Where(c => c.Mode == AppendMode.InPlace).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(InPlaceNames))]
    public async Task AppendsInPlaceAndMatchesNpSaveOfTheConcatenation(string name)
    {
        using var dir = new TempDir();
        var target = corpus.CopyTarget(name, dir);
        var before = new FileInfo(target).Length;
        var sourceData = corpus.DataBytes(name);

        await corpus.Files.AppendAsync(target, corpus.Path("b", name));

        Assert.Equal(before + sourceData, new FileInfo(target).Length);
        Assert.Equal(File.ReadAllBytes(corpus.Path("c", name)), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task RewritesAtomicallyWhenTheHeaderHasNoRoomLeft()
    {
        using var dir = new TempDir();
        var target = corpus.CopyTarget("tight_needs_digit", dir);
        var before = new FileInfo(target).Length;

        await corpus.Files.AppendAsync(target, corpus.Path("b", "tight_needs_digit"));

        var after = File.ReadAllBytes(target);
        Assert.NotEqual(before + corpus.DataBytes("tight_needs_digit"), after.Length); // the header grew
        Assert.Equal(File.ReadAllBytes(corpus.Path("c", "tight_needs_digit")), after); // as np.save writes it
        Assert.Equal([target], Directory.GetFiles(dir.Path)); // no temporary file left behind
    }

    [Fact]
    public async Task ATightHeaderStillGrowsInPlaceWhileTheShapeKeepsItsLength()
    {
        using var dir = new TempDir();
        var target = corpus.CopyTarget("tight_same_digits", dir);
        var original = File.ReadAllBytes(target);

        await corpus.Files.AppendAsync(target, corpus.Path("b", "tight_same_digits"));

        var after = File.ReadAllBytes(target);
        var source = File.ReadAllBytes(corpus.Path("b", "tight_same_digits"));
        var sourceData = corpus.DataBytes("tight_same_digits");
        Assert.Equal(original.Length + sourceData, after.Length);
        var headerEnd = Array.IndexOf(original, (byte)'\n') + 1;
        Assert.Equal("{'descr': '<i2', 'fortran_order': False, 'shape': (7, 2), }\n",
            System.Text.Encoding.Latin1.GetString(after, 10, headerEnd - 10));
        Assert.Equal(original[headerEnd..], after[headerEnd..original.Length]);
        Assert.Equal(source[^(int)sourceData..], after[original.Length..]);
    }

    [Fact]
    public async Task NumPyLoadsEveryAppendedFileAsTheConcatenation()
    {
        using var dir = new TempDir();
        foreach (var c in AppendCorpus.Cases)
        {
            var target = corpus.CopyTarget(c.Name, dir);
            await corpus.Files.AppendAsync(target, corpus.Path("b", c.Name));
        }

        var script = $$"""
            names = {{JsonSerializer.Serialize(AppendCorpus.Cases.Select(c => c.Name))}}
            for n in names:
                got = np.load(os.path.join({{JsonSerializer.Serialize(dir.Path)}}, 'a_%s.npy' % n), max_header_size=10**7)
                a = np.load('a_%s.npy' % n, max_header_size=10**7)
                b = np.load('b_%s.npy' % n, max_header_size=10**7)
                want = np.concatenate([a, b]).astype(a.dtype)
                assert got.dtype == want.dtype and got.shape == want.shape, n
                assert got.tobytes() == want.tobytes(), n
                print('OK', n)
            """;
        var lines = NumPy.Run(script, corpus.Dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(AppendCorpus.Cases.Select(c => "OK " + c.Name), lines);
    }

    [Fact]
    public async Task AppendsOnlyTheSelectedRowsOfTheSource()
    {
        using var dir = new TempDir();
        var target = corpus.CopyTarget("i4_2d", dir);

        await corpus.Files.AppendAsync(target, corpus.Path("b", "i4_2d"), new ReadRequest { RowStart = -1 });

        using var got = corpus.Files.Read(target);
        using var a = corpus.Files.Read(corpus.Path("a", "i4_2d"));
        using var b = corpus.Files.Read(corpus.Path("b", "i4_2d"));
        Assert.Equal(new ArrayShape(a.Shape[0] + 1, 3), got.Shape);
        Assert.Equal(a.ToArray<int>().Concat(b.ToArray<int>()[^3..]), got.ToArray<int>());
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "f8_1d", "f4_1d", "ArrayFormatException", "dtype '<f4' of the new rows differs from the file's '<f8'" },
        { "i4_2d", "be_i4_2d", "ArrayFormatException", "dtype '>i4' of the new rows differs from the file's '<i4'" },
        { "i4_2d", "i4_2x4", "ArrayFormatException", "rows of shape (2, 4) do not fit an array of shape (4, 3) along axis 0" },
        { "i4_2d", "i4_flat", "ArrayFormatException", "rows of shape (6,) do not fit an array of shape (4, 3) along axis 0" },
        { "fortran", "i4_1x4", "ArrayFormatException", "cannot append rows to a Fortran-ordered array" },
        { "scalar", "f8_1d", "ArrayFormatException", "cannot append rows to a 0-d array" },
        { "truncated", "f8_1d", "MalformedArrayException", "data is truncated" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusalsLeaveTheTargetUnchanged(string targetName, string sourceName, string type, string problem)
    {
        using var dir = new TempDir();
        var target = dir.File("target.npy");
        File.Copy(corpus.Extra(targetName), target);
        var original = File.ReadAllBytes(target);

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => corpus.Files.AppendAsync(target, corpus.Extra(sourceName)));

        Assert.Equal(type, e.GetType().Name);
        Assert.StartsWith(target + ": " + problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task ARawTargetIsRefused()
    {
        using var dir = new TempDir();
        var target = dir.File("target.dat");
        File.WriteAllBytes(target, new byte[16]);

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => corpus.Files.AppendAsync(target, corpus.Extra("f8_1d")));

        Assert.Equal(target + ": this format cannot be appended to", e.Message);
        Assert.Equal(new byte[16], File.ReadAllBytes(target));
    }

    [Theory]
    [InlineData("big_in_place")]
    [InlineData("big_tight")]
    public async Task CancellingMidwayLeavesTheTargetUnchanged(string name)
    {
        using var dir = new TempDir();
        var target = corpus.CopyTarget(name, dir);
        var original = File.ReadAllBytes(target);
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var progress = new InlineProgress(_ =>
        {
            reports++;
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => corpus.Files.AppendAsync(target, corpus.Path("b", name), progress: progress, cancellationToken: cancel.Token));

        Assert.Equal(1, reports); // one chunk had been written when the cancellation arrived
        Assert.Equal(original, File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(dir.Path));
    }

    private sealed class InlineProgress(Action<ArrayProgress> report) : IProgress<ArrayProgress>
    {
        public void Report(ArrayProgress value) => report(value);
    }
}

public enum AppendMode
{
    InPlace,
    Rewrite,
    TightInPlace,
}

/// <summary>Targets, sources and np.save of their concatenation, written by NumPy in one run.</summary>
public sealed class AppendCorpus : IDisposable
{
    public static IReadOnlyList<(string Name, string A, string B, AppendMode Mode)> Cases { get; } =
    [
        ("f8_1d", "np.arange(5.0)", "np.arange(3.0) + 10", AppendMode.InPlace),
        ("i4_2d", "np.arange(12, dtype='<i4').reshape(4, 3)", "-np.arange(6, dtype='<i4').reshape(2, 3)", AppendMode.InPlace),
        ("digit_9_to_10", "np.arange(9, dtype='<u2')", "np.array([99], dtype='<u2')", AppendMode.InPlace),
        ("digits_99_to_100000", "np.arange(99, dtype='u1')", "np.arange(99901).astype('u1')", AppendMode.InPlace),
        ("u1_3d", "np.arange(8, dtype='u1').reshape(2, 2, 2)", "np.arange(12, dtype='u1').reshape(3, 2, 2)", AppendMode.InPlace),
        ("struct", "np.array([(1, b'ab', 2.5)] * 2, dtype=[('i', '<i4'), ('s', 'S2'), ('f', '>f8')])",
            "np.array([(3, b'c', -1.0)] * 3, dtype=[('i', '<i4'), ('s', 'S2'), ('f', '>f8')])", AppendMode.InPlace),
        ("unicode_be", "np.array(['ab', 'c'], dtype='>U3')", "np.array(['\\u00e9\\U0001F600'], dtype='>U3')", AppendMode.InPlace),
        ("v3_header", "np.zeros(2, [('\\u6e29', '<f4')])", "np.ones(3, [('\\u6e29', '<f4')])", AppendMode.InPlace),
        ("v2_header", "np.zeros(2, [('f%05d' % i, 'u1') for i in range(5000)])", "np.ones(1, [('f%05d' % i, 'u1') for i in range(5000)])",
            AppendMode.InPlace),
        ("empty_target", "np.zeros((0, 3), '<i2')", "np.ones((2, 3), '<i2')", AppendMode.InPlace),
        ("empty_source", "np.ones((2, 3), '<i2')", "np.zeros((0, 3), '<i2')", AppendMode.InPlace),
        ("big_in_place", "np.arange(1000, dtype='<i8')", "np.arange(100000, dtype='<i8')", AppendMode.InPlace),
        ("tight_needs_digit", "np.arange(9.0)", "np.array([9.0])", AppendMode.Rewrite),
        ("tight_same_digits", "np.arange(10, dtype='<i2').reshape(5, 2)", "np.arange(4, dtype='<i2').reshape(2, 2)", AppendMode.TightInPlace),
        ("big_tight", "np.arange(9, dtype='<i8')", "np.arange(100000, dtype='<i8')", AppendMode.Rewrite),
    ];

    // Arrays for refusals, by name.
    private static readonly (string Name, string Python)[] Extras =
    [
        ("f8_1d", "np.arange(5.0)"),
        ("f4_1d", "np.arange(5, dtype='<f4')"),
        ("i4_2d", "np.arange(12, dtype='<i4').reshape(4, 3)"),
        ("be_i4_2d", "np.arange(6, dtype='>i4').reshape(2, 3)"),
        ("i4_2x4", "np.arange(8, dtype='<i4').reshape(2, 4)"),
        ("i4_flat", "np.arange(6, dtype='<i4')"),
        ("i4_1x4", "np.arange(4, dtype='<i4').reshape(1, 4)"),
        ("fortran", "np.asfortranarray(np.arange(12, dtype='<i4').reshape(3, 4))"),
        ("scalar", "np.array(1.0)"),
    ];

    private const string Script = """
        import warnings
        warnings.simplefilter('ignore')
        from numpy.lib import format as fmt

        def save_tight(path, a):
            # A header with no growth reserve and no alignment padding, as a minimal tool would write it.
            h = ("{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (fmt.dtype_to_descr(a.dtype), a.shape)).encode('latin1') + b'\n'
            with open(path, 'wb') as f:
                f.write(b'\x93NUMPY\x01\x00' + len(h).to_bytes(2, 'little') + h + a.tobytes())
            assert np.load(path).tobytes() == a.tobytes()

        spec = json.load(open('append.json'))
        for name, a, b, tight in spec['cases']:
            A = eval(a)
            B = eval(b)
            (save_tight if tight else np.save)('a_%s.npy' % name, A)
            np.save('b_%s.npy' % name, B)
            # np.concatenate answers in native byte order; the appended file keeps the target's dtype.
            np.save('c_%s.npy' % name, np.concatenate([A, B]).astype(A.dtype))
        for name, x in spec['extras']:
            np.save('x_%s.npy' % name, eval(x))
        a = np.arange(5.0)
        np.save('x_truncated.npy', a)
        with open('x_truncated.npy', 'r+b') as f:
            f.truncate(128 + 20)
        """;

    public AppendCorpus()
    {
        var spec = new
        {
            cases = Cases.Select(c => new object[] { c.Name, c.A, c.B, c.Mode != AppendMode.InPlace }),
            extras = Extras.Select(e => new[] { e.Name, e.Python }),
        };
        File.WriteAllText(Dir.File("append.json"), JsonSerializer.Serialize(spec));
        NumPy.Run(Script, Dir.Path);

        var services = new ServiceCollection();
        services.AddArrayFormats();
        services.Configure<ArrayFormatsOptions>(o =>
        {
            o.MaxHeaderSize = 1 << 20; // the v2_header case
            o.CopyBufferSize = 4096; // several chunks, so cancellation can land midway
        });
        Provider = services.BuildServiceProvider();
        Files = Provider.GetRequiredService<ArrayFiles>();
    }

    public TempDir Dir { get; } = new();

    public ServiceProvider Provider { get; }

    public ArrayFiles Files { get; }

    public string Path(string role, string name) => Dir.File($"{role}_{name}.npy");

    public string Extra(string name) => Dir.File($"x_{name}.npy");

    /// <summary>Copies the case's target into <paramref name="dir"/> under its own name; returns the copy.</summary>
    public string CopyTarget(string name, TempDir dir)
    {
        var target = dir.File($"a_{name}.npy");
        File.Copy(Path("a", name), target);
        return target;
    }

    public long DataBytes(string name) => Files.Inspect(Path("b", name)).Entries[0].Header.ByteLength;

    public void Dispose()
    {
        Provider.Dispose();
        Dir.Dispose();
    }
}
