using System.Text.Json;
using Formats.Testing;

namespace Formats.Engine.Tests.Comparing;

/// <summary>
/// <see cref="ArrayFiles.DiffAsync(string, string, DiffRequest?, CancellationToken)"/> against NumPy: the differing indices are exactly
/// <c>np.argwhere(~np.isclose(a, b, rtol, atol, equal_nan))</c> (with tolerances) or those where
/// <c>np.array_equal</c> sees a difference (exactly), on random data with injected differences, NaN, infinities and
/// integer extremes, for pairs of dtypes NumPy promotes; the printed values are NumPy's.
/// </summary>
public sealed class DiffTests
{
    private readonly ArrayFiles files = TestServices.Files();

    // Each comparison NumPy is asked about: (name, rtol, atol, equal_nan); null tolerances mean exact.
    private static readonly (string Name, double? Rtol, double? Atol, bool EqualNaN)[] Modes =
    [
        ("exact", null, null, false),
        ("exact_nan", null, null, true),
        ("close", 1e-05, 1e-08, false),
        ("close_nan", 1e-05, 1e-08, true),
        ("loose", 1e-03, 0.5, false),
        ("atol_only", 0.0, 1e-06, true),
    ];

    // The script writing a.npy and b.npy (dtypes A and B) and printing every mode's expected indices and a few values.
    private const string Script = """
        rng = np.random.default_rng(SEED)
        shape = SHAPE
        n = int(np.prod(shape))
        A, B = np.dtype(DTA), np.dtype(DTB)
        def make(dt, base):
            if dt.kind in 'iu':
                info = np.iinfo(dt)
                v = np.clip(np.round(base * 1000), info.min, info.max).astype(dt)
                v.flat[:4] = [info.min, info.max, info.min + 1, info.max - 1]
                return v
            if dt.kind == 'b':
                return (base > 0)
            if dt.kind == 'c':
                return (base + 1j * base[::-1]).astype(dt)
            return base.astype(dt)
        base = rng.normal(0, 50, n)
        a = make(A, base)
        b = make(B, base).copy()
        k = max(1, n // 20)
        idx = rng.choice(n, size=k, replace=False)
        fl = b.reshape(-1)
        for j, i in enumerate(idx):
            r = j % 7
            if b.dtype.kind in 'fc':
                if r == 0: fl[i] = np.nan
                elif r == 1: fl[i] = np.inf
                elif r == 2: fl[i] = -np.inf
                elif r == 3: fl[i] = fl[i] * (1 + 1e-6)
                elif r == 4: fl[i] = fl[i] + 1e-7
                else: fl[i] = fl[i] + rng.normal(0, 1)
            elif b.dtype.kind == 'b':
                fl[i] = not fl[i]
            else:
                fl[i] = fl[i] - 1 if fl[i] > np.iinfo(b.dtype).min else fl[i] + 1
        if a.dtype.kind in 'fc':
            fa = a.reshape(-1)
            fa[idx[::5]] = np.nan
            fa[idx[1::9]] = np.inf
        if A.kind == B.kind and A.itemsize == B.itemsize and A.kind in 'iu':
            # integer extremes equal on both sides, and the first element off by one at the top of the range
            b.flat[:4] = a.flat[:4]
            b.flat[1] = a.flat[1] - 1
        a = a.reshape(shape); b = b.reshape(shape)
        np.save('a.npy', np.asfortranarray(a) if FA else a)
        np.save('b.npy', np.asfortranarray(b) if FB else b)
        out = {}
        for name, rtol, atol, en in MODES:
            if rtol is None:
                with np.errstate(invalid='ignore'):
                    same = (a == b)
                    if en:
                        same = same | (np.isnan(a) & np.isnan(b)) if a.dtype.kind in 'fc' and b.dtype.kind in 'fc' else same
                    assert np.array_equal(a, b, equal_nan=en) == bool(same.all())
            else:
                same = np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=en)
                assert np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=en) == bool(same.all())
            w = np.argwhere(~same)
            out[name] = {'indices': w.tolist(), 'values': [[np.array2string(np.asarray(a[tuple(i)])), np.array2string(np.asarray(b[tuple(i)]))] for i in w[:5]]}
        print(json.dumps(out))
        """;

    public static TheoryData<string, string, string, bool, bool> Pairs => new()
    {
        { "<f4", "<f4", "(37, 29)", false, false },
        { "<f8", "<f8", "(1000,)", false, false },
        { "<f2", "<f2", "(20, 30)", false, false },
        { "<f4", "<f8", "(500,)", false, false },
        { "<f8", "<f4", "(500,)", false, false },
        { "<i4", "<f4", "(400,)", false, false },
        { "<i2", "<f2", "(400,)", false, false },
        { "<i8", "<i8", "(300,)", false, false },
        { "<u8", "<u8", "(300,)", false, false },
        { "<i8", "<u8", "(300,)", false, false },
        { "<i8", "<f8", "(300,)", false, false },
        { "|u1", "<i2", "(300,)", false, false },
        { "|b1", "|i1", "(300,)", false, false },
        { "|b1", "|b1", "(300,)", false, false },
        { "<c8", "<c8", "(300,)", false, false },
        { "<c16", "<f8", "(300,)", false, false },
        { "<f8", ">f8", "(6, 7, 8)", false, false },
        { ">i4", "<i4", "(300,)", false, false },
        { "<f8", "<f8", "(6, 7, 8)", true, false },
        { "<f4", "<f4", "(30, 40)", false, true },
        { "<f4", "<f4", "(30, 40)", true, true },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task DifferingIndicesAreNumPys(string dtypeA, string dtypeB, string shape, bool fortranA, bool fortranB)
    {
        using var dir = new TempDir();
        var expected = RunNumPy(dir, dtypeA, dtypeB, shape, fortranA, fortranB, seed: 7);
        var problems = new List<string>();
        foreach (var mode in Modes)
        {
            var diff = await files.DiffAsync(dir.File("a.npy"), dir.File("b.npy"), Request(mode, 1_000_000));
            var want = expected.GetProperty(mode.Name);
            var indices = Indices(want.GetProperty("indices"));
            var got = diff.Differences.Select(d => string.Join(",", d.Index)).ToList();
            if (!got.SequenceEqual(indices) || diff.DifferenceCount != indices.Count)
            {
                problems.Add($"{mode.Name}: {diff.DifferenceCount} differences, NumPy {indices.Count}; first mismatch at "
                    + $"{got.Zip(indices).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second).i} ({string.Join(" ", got.Except(indices).Take(3))} / {string.Join(" ", indices.Except(got).Take(3))})");
                continue;
            }

            var values = want.GetProperty("values").EnumerateArray().Select(v => $"{v[0].GetString()} != {v[1].GetString()}");
            var printed = diff.Differences.Take(5).Select(d => $"{d.A} != {d.B}");
            if (!printed.SequenceEqual(values))
            {
                problems.Add($"{mode.Name}: printed [{string.Join("; ", printed)}], NumPy [{string.Join("; ", values)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(Modes, m => Indices(expected.GetProperty(m.Name).GetProperty("indices")).Count > 0);
    }

    [Fact]
    public async Task LargeArraysStreamAcrossChunksInEveryOrderCombination()
    {
        // 12 MB a side: two 8 MB chunks, parallel slices, and the Fortran side read in blocks of rows.
        using var dir = new TempDir();
        var expected = NumPy.Run("""
            rng = np.random.default_rng(3)
            a = rng.random((1500, 1000))
            b = a.copy()
            idx = rng.choice(a.size, size=5000, replace=False)
            b.flat[idx] += rng.choice([1e-9, 1e-3, np.nan], size=idx.size)
            for name, x in (('a', a), ('b', b)):
                np.save(name + '.npy', x)
                np.save(name + 'f.npy', np.asfortranarray(x))
            print(json.dumps(np.argwhere(~np.isclose(a, b)).tolist()))
            """, dir.Path);
        var want = Indices(JsonDocument.Parse(expected).RootElement);
        Assert.True(want.Count > 3000);
        foreach (var (a, b) in new[] { ("a", "b"), ("af", "b"), ("a", "bf"), ("af", "bf") })
        {
            var diff = await files.DiffAsync(dir.File(a + ".npy"), dir.File(b + ".npy"), new DiffRequest { RelativeTolerance = 1e-05, MaxDifferences = 100 });
            Assert.Equal(want.Count, diff.DifferenceCount);
            Assert.Equal(want.Take(100), diff.Differences.Select(d => string.Join(",", d.Index)));
        }
    }

    [Fact]
    public async Task ShapesAndDTypesAreReportedAsNumPyJudgesThem()
    {
        using var dir = new TempDir();
        var numpy = NumPy.Run("""
            np.save('i4.npy', np.array([1, 2, 3], dtype='<i4'))
            np.save('f8.npy', np.array([1.0, 2.0, 3.0]))
            np.save('f8x.npy', np.array([1.0, 2.0, 3.5]))
            np.save('2x3.npy', np.zeros((2, 3)))
            np.save('3x2.npy', np.zeros((3, 2)))
            np.save('u.npy', np.array(['a', 'b', 'c']))
            print(json.dumps([np.array_equal(np.load('i4.npy'), np.load('f8.npy')), np.array_equal(np.load('i4.npy'), np.load('f8x.npy')),
                              np.array_equal(np.load('2x3.npy'), np.load('3x2.npy'))]))
            """, dir.Path);
        var equal = JsonSerializer.Deserialize<bool[]>(numpy)!;

        var dtypes = await files.DiffAsync(dir.File("i4.npy"), dir.File("f8.npy"));
        var values = await files.DiffAsync(dir.File("i4.npy"), dir.File("f8x.npy"));
        var shapes = await files.DiffAsync(dir.File("2x3.npy"), dir.File("3x2.npy"));

        Assert.Equal(equal, new[] { dtypes.Equal, values.Equal, shapes.Equal });
        Assert.True(dtypes.DTypesDiffer);
        Assert.Equal(["2"], values.Differences.Select(d => string.Join(",", d.Index)));
        Assert.Equal("3 != 3.5", $"{values.Differences[0].A} != {values.Differences[0].B}");
        Assert.True(shapes.ShapesDiffer);
        Assert.Equal(0, shapes.DifferenceCount);
        var text = await Assert.ThrowsAsync<UnsupportedArrayException>(() => files.DiffAsync(dir.File("u.npy"), dir.File("u.npy")));
        Assert.Contains("u.npy", text.Message, StringComparison.Ordinal);
        Assert.Contains("numeric", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFortranArrayOfOneRowAgainstACOrderedOneIsRefusedByName()
    {
        using var dir = new TempDir();
        NumPy.Run("""
            a = np.arange(12.0).reshape(1, 3, 4)
            np.save('f.npy', np.asfortranarray(a)); np.save('c.npy', a)
            assert np.load('f.npy').flags.f_contiguous and not np.load('f.npy').flags.c_contiguous
            """, dir.Path);

        var e = await Assert.ThrowsAsync<UnsupportedArrayException>(() => files.DiffAsync(dir.File("f.npy"), dir.File("c.npy")));

        Assert.Contains("f.npy", e.Message, StringComparison.Ordinal);
        Assert.Contains("Fortran-ordered array of one row", e.Message, StringComparison.Ordinal);
        Assert.True((await files.DiffAsync(dir.File("f.npy"), dir.File("f.npy"))).Equal);
    }

    private static DiffRequest Request((string Name, double? Rtol, double? Atol, bool EqualNaN) mode, int max) =>
        new() { RelativeTolerance = mode.Rtol, AbsoluteTolerance = mode.Atol, EqualNaN = mode.EqualNaN, MaxDifferences = max };

    private static JsonElement RunNumPy(TempDir dir, string dtypeA, string dtypeB, string shape, bool fortranA, bool fortranB, int seed)
    {
        static string Py(double? v) => v is { } d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "None";
        var modes = "[" + string.Join(", ", Modes.Select(m => $"('{m.Name}', {Py(m.Rtol)}, {Py(m.Atol)}, {(m.EqualNaN ? "True" : "False")})")) + "]";
        var script = Script.Replace("SEED", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("SHAPE", shape, StringComparison.Ordinal).Replace("DTA", $"'{dtypeA}'", StringComparison.Ordinal)
            .Replace("DTB", $"'{dtypeB}'", StringComparison.Ordinal).Replace("FA", fortranA ? "True" : "False", StringComparison.Ordinal)
            .Replace("FB", fortranB ? "True" : "False", StringComparison.Ordinal).Replace("MODES", modes, StringComparison.Ordinal);
        return JsonDocument.Parse(NumPy.Run(script, dir.Path)).RootElement;
    }

    private static List<string> Indices(JsonElement list) =>
        [.. list.EnumerateArray().Select(i => string.Join(",", i.EnumerateArray().Select(x => x.GetInt64())))];
}
