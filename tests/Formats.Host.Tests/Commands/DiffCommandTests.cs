using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats diff</c>: one line per difference with NumPy's index and NumPy's printed values, a count line, exit 0
/// equal, 1 different, 2 error (one <c>error:</c> line); across formats (.npy, an .npz member, raw data).
/// </summary>
public sealed class DiffCommandTests
{
    [Fact]
    public async Task PrintsNumPysDifferingIndicesAndValuesThenTheCount()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run("""
            rng = np.random.default_rng(5)
            a = rng.random((6, 7)).astype(np.float32)
            b = a.copy(); b[1, 2] += 0.5; b[3, 4] = np.nan; b[0, 0] *= np.float32(1.000001); b[5, 6] = -np.inf
            np.save('a.npy', a); np.save('b.npy', b)
            def lines(w):
                return [f"[{', '.join(map(str, i))}]: {np.array2string(a[tuple(i)])} != {np.array2string(b[tuple(i)])}" for i in w]
            print(json.dumps({'exact': lines(np.argwhere(~(a == b))), 'close': lines(np.argwhere(~np.isclose(a, b)))}))
            """, dir.Path);
        var want = JsonDocument.Parse(expected).RootElement;
        string[] Lines(string mode) => [.. want.GetProperty(mode).EnumerateArray().Select(l => l.GetString()!)];

        var exact = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("b.npy"));
        var close = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("b.npy"), "--rtol", "1e-5");
        var two = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("b.npy"), "--max", "2");
        var same = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("a.npy"));

        Assert.Equal(4, Lines("exact").Length);
        Expect(1, [.. Lines("exact"), "4 of 42 elements differ"], exact);
        Expect(1, [.. Lines("close"), "3 of 42 elements differ"], close);
        Expect(1, [.. Lines("exact").Take(2), "4 of 42 elements differ"], two);
        Assert.Equal((0, "0 of 42 elements differ\n", ""), same);
    }

    [Fact]
    public async Task ComparesAnNpyWithAnArchiveMemberAndRawData()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run("""
            a = np.arange(24, dtype='<f4').reshape(4, 6)
            b = a.copy(); b[1, 2] = 7.5; b[3, 5] = -1
            np.save('a.npy', a)
            np.savez('ab.npz', a=a, b=b)
            b.astype('>f4').tofile('b.raw')
            print(json.dumps([f"[{', '.join(map(str, i))}]: {np.array2string(a[tuple(i)])} != {np.array2string(b[tuple(i)])}" for i in np.argwhere(a != b)]))
            """, dir.Path);
        string[] lines = [.. JsonSerializer.Deserialize<string[]>(expected)!, "2 of 24 elements differ"];
        string[] raw = ["--dtype", ">f4", "--shape", "4,6"];

        var npyVsMember = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("ab.npz"), "--name", "b");
        var memberVsRaw = await Cli.RunAsync(["diff", dir.File("ab.npz"), dir.File("b.raw"), "--name", "a", .. raw]);
        var sameValues = await Cli.RunAsync(["diff", dir.File("ab.npz"), dir.File("b.raw"), "--name", "b.npy", .. raw]);
        var json = await Cli.RunAsync(["diff", dir.File("a.npy"), dir.File("b.raw"), "--json", .. raw]);

        Expect(1, lines, npyVsMember);
        Expect(1, ["dtype: <f4 != >f4", .. lines], memberVsRaw);
        Assert.Equal((0, "dtype: <f4 != >f4\n0 of 24 elements differ\n"), (sameValues.Code, sameValues.Out));
        Assert.Equal(1, json.Code);
        var doc = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(doc.GetProperty("equal").GetBoolean());
        Assert.Equal(2, doc.GetProperty("count").GetInt64());
        Assert.Equal(">f4", doc.GetProperty("b").GetProperty("dtype").GetString());
        Assert.Equal("[[1,2],[3,5]]", JsonSerializer.Serialize(doc.GetProperty("differences").EnumerateArray().Select(d => d.GetProperty("index"))));
        Assert.Equal("7.5", doc.GetProperty("differences")[0].GetProperty("b").GetString());
    }

    [Fact]
    public async Task TwoArchivesWithoutANameCompareEveryMemberByName()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run("""
            rng = np.random.default_rng(9)
            b = rng.integers(-5, 5, (3, 4)).astype('<i8'); b2 = b.copy(); b2[2, 1] = 2**62; b2[0, 3] += 1
            c = rng.random(5)
            np.savez('x.npz', a=np.zeros(2), b=b, c=c)
            np.savez('y.npz', c=c, b=b2, d=np.ones(2))
            np.savez('x2.npz', a=np.zeros(2), b=b, c=c)
            print(json.dumps([f"b: [{', '.join(map(str, i))}]: {np.array2string(b[tuple(i)])} != {np.array2string(b2[tuple(i)])}" for i in np.argwhere(b != b2)]))
            """, dir.Path);
        string[] lines =
        [
            $"only in {dir.File("x.npz")}: a", $"only in {dir.File("y.npz")}: d",
            .. JsonSerializer.Deserialize<string[]>(expected)!, "b: 2 of 12 elements differ", "c: 0 of 5 elements differ",
        ];

        var different = await Cli.RunAsync("diff", dir.File("x.npz"), dir.File("y.npz"));
        var same = await Cli.RunAsync("diff", dir.File("x.npz"), dir.File("x2.npz"));
        var json = await Cli.RunAsync("diff", dir.File("x.npz"), dir.File("y.npz"), "--json");
        var named = await Cli.RunAsync("diff", dir.File("x.npz"), dir.File("y.npz"), "--name", "c");

        Expect(1, lines, different);
        Expect(0, ["a: 0 of 2 elements differ", "b: 0 of 12 elements differ", "c: 0 of 5 elements differ"], same);
        var doc = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(1, json.Code);
        Assert.Equal("[\"a\"]|[\"d\"]|b,c|2,0", $"{doc.GetProperty("only_in_a")}|{doc.GetProperty("only_in_b")}|"
            + string.Join(",", doc.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString())) + "|"
            + string.Join(",", doc.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("count").GetInt64())));
        Expect(0, ["0 of 5 elements differ"], named);
    }

    [Fact]
    public async Task FortranOrderedRawDataComparesByLogicalIndex()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run("""
            a = np.arange(60, dtype='<f8').reshape(5, 12)
            b = a.copy(); b[0, 11] = -1; b[4, 0] = np.nan; b[2, 3] = 0.5
            np.save('a.npy', a)
            b.ravel(order='F').tofile('b.raw')
            assert np.array_equal(np.fromfile('b.raw').reshape((5, 12), order='F'), b, equal_nan=True)
            print(json.dumps([f"[{', '.join(map(str, i))}]: {np.array2string(a[tuple(i)])} != {np.array2string(b[tuple(i)])}" for i in np.argwhere(~(a == b))]))
            """, dir.Path);

        var run = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("b.raw"), "--dtype", "<f8", "--shape", "5,12", "--order", "F");

        Expect(1, [.. JsonSerializer.Deserialize<string[]>(expected)!, "3 of 60 elements differ"], run);
    }

    [Fact]
    public async Task ShapesThatDifferExitOneAndDTypesAloneDoNotAsInArrayEqual()
    {
        using var dir = new TempDir();
        var equal = NumPy.Run("""
            np.save('i4.npy', np.array([[1, 2, 3]], dtype='<i4')); np.save('f8.npy', np.array([[1.0, 2.0, 3.0]]))
            np.save('t.npy', np.array([[1.0], [2.0], [3.0]]))
            print(json.dumps([np.array_equal(np.load('i4.npy'), np.load('f8.npy')), np.array_equal(np.load('f8.npy'), np.load('t.npy'))]))
            """, dir.Path);

        var dtypes = await Cli.RunAsync("diff", dir.File("i4.npy"), dir.File("f8.npy"));
        var shapes = await Cli.RunAsync("diff", dir.File("f8.npy"), dir.File("t.npy"));

        Assert.Equal("[true, false]", equal.Trim());
        Assert.Equal((0, "dtype: <i4 != <f8\n0 of 3 elements differ\n", ""), dtypes);
        Assert.Equal((1, "shape: (1, 3) != (3, 1)\n", ""), shapes);
    }

    [Fact]
    public async Task ErrorsExitTwoWithOneLine()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.zeros(3)); np.savez('ab.npz', a=np.zeros(3), b=np.ones(3)); np.save('s.npy', np.array(['x']))", dir.Path);

        var missing = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("none.npy"));
        var unnamed = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("ab.npz"));
        var text = await Cli.RunAsync("diff", dir.File("s.npy"), dir.File("s.npy"));
        var usage = await Cli.RunAsync("diff", dir.File("a.npy"), dir.File("a.npy"), "--rtol", "much");

        Assert.Equal((2, "", $"error: {dir.File("none.npy")}: no such file\n"), missing);
        Assert.Equal((2, "", $"error: {dir.File("ab.npz")}: the archive holds 2 arrays (a, b); name one (choose one with --name)\n"), unnamed);
        Assert.Equal(2, text.Code);
        Assert.StartsWith($"error: {dir.File("s.npy")}: diff compares numeric arrays", text.Err, StringComparison.Ordinal);
        Assert.Single(text.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal(2, usage.Code);
        Assert.Equal("error: --rtol must be a number of at least 0, not 'much'\n", usage.Err);
    }

    private static void Expect(int code, string[] lines, (int Code, string Out, string Err) run)
    {
        Assert.Equal("", run.Err);
        Assert.Equal(lines, run.Out.TrimEnd('\n').Split('\n'));
        Assert.Equal(code, run.Code);
    }
}
