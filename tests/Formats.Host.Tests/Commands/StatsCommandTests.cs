using System.Globalization;
using System.Text.Json;
using Formats.Host.Output;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats stats</c>: JSON of every member of an .npz (or the one --name picks) and of raw input equals NumPy's
/// <c>np.nanmin</c>/<c>np.nanmax</c> exactly and <c>np.nanmean</c>/<c>np.nanstd</c> (of the values as float64) within
/// 1e-9 relative; the table on a terminal; each refusal is one <c>error:</c> line.
/// </summary>
public sealed class StatsCommandTests
{
    // Mean and std of the values as float64; min and max as Python prints them (ints exactly).
    private const string Reference = """
import warnings
warnings.simplefilter('ignore')
def ref(v):
    v64 = v.astype(np.float64)
    lo, hi = (int(v.min()), int(v.max())) if v.dtype.kind in 'biu' else (float(np.nanmin(v64)), float(np.nanmax(v64)))
    return dict(count=int(np.count_nonzero(~np.isnan(v64))), nans=int(np.isnan(v64).sum()), min=lo, max=hi,
                mean=float(np.nanmean(v64)), std=float(np.nanstd(v64)))
""";

    private const string Archive = """
rng = np.random.default_rng(7)
x = (1e6 + rng.standard_normal((4000, 3))).astype(np.float32)
x[::9, 2] = np.nan
i = rng.integers(-2**63, 2**63 - 1, 5000, dtype=np.int64)
i[3] = 2**63 - 1
np.savez('data.npz', x=x, i=i)
""";

    [Fact]
    public async Task JsonOfEveryMemberEqualsNumPys()
    {
        using var dir = new TempDir();
        NumPy.Run(Archive, dir.Path);
        var expected = ParseReference(NumPy.Run(Reference + "\n" + """
z = np.load('data.npz')
print(json.dumps([ref(z['x']), ref(z['i'])]))
""", dir.Path));

        var (code, stdout, stderr) = await Cli.RunAsync(["stats", dir.File("data.npz")]);

        Assert.True(code == 0, stderr);
        var arrays = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["x", "i"], arrays.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("<f4", arrays[0].GetProperty("dtype").GetString());
        Assert.Equal("[4000,3]", arrays[0].GetProperty("shape").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        AssertEqual(expected[0], Assert.Single(arrays[0].GetProperty("stats").EnumerateArray()));
        var ints = Assert.Single(arrays[1].GetProperty("stats").EnumerateArray());
        AssertEqual(expected[1], ints);
        Assert.Equal("9223372036854775807", ints.GetProperty("max").GetRawText());
    }

    [Fact]
    public async Task NameAndColumnsGiveOneEntryPerColumnOfThatMember()
    {
        using var dir = new TempDir();
        NumPy.Run(Archive, dir.Path);
        var expected = ParseReference(NumPy.Run(Reference + "\n" + """
x = np.load('data.npz')['x']
print(json.dumps([ref(x[:, j]) for j in [2, 0]]))
""", dir.Path));

        var (code, stdout, stderr) = await Cli.RunAsync(["stats", dir.File("data.npz"), "--name", "x", "--columns", "-1,0", "--json"]);

        Assert.True(code == 0, stderr);
        var array = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        var stats = array.GetProperty("stats").EnumerateArray().ToList();
        Assert.Equal([2L, 0L], stats.Select(s => s.GetProperty("column").GetInt64()));
        AssertEqual(expected[0], stats[0]);
        AssertEqual(expected[1], stats[1]);
        Assert.True(stats[0].GetProperty("nan_count").GetInt64() > 0);
    }

    [Fact]
    public async Task RawInputIsReadWithItsLayout()
    {
        using var dir = new TempDir();
        var expected = ParseReference(NumPy.Run(Reference + "\n" + """
a = np.random.default_rng(3).integers(0, 2**64, (200, 2), dtype=np.uint64, endpoint=False)
a[0, 1] = 2**64 - 1
a.T.copy().astype('>u8').tofile('a.bin')
print(json.dumps([ref(a[:, 0]), ref(a[:, 1])]))
""", dir.Path));

        var (code, stdout, stderr) = await Cli.RunAsync(["stats", dir.File("a.bin"), "--dtype", ">u8", "--shape", "200,2", "--order", "F", "--columns", "all"]);

        Assert.True(code == 0, stderr);
        var stats = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray()).GetProperty("stats").EnumerateArray().ToList();
        AssertEqual(expected[0], stats[0]);
        AssertEqual(expected[1], stats[1]);
        Assert.Equal("18446744073709551615", stats[1].GetProperty("max").GetRawText());
    }

    [Fact]
    public async Task AMemberThatIsNotNumericIsSkippedAmongTheOthersAndRefusedByName()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('mixed.npz', labels=np.array(['a', 'bc']), x=np.arange(4.0))", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync(["stats", dir.File("mixed.npz")]);
        var (named, _, namedErr) = await Cli.RunAsync(["stats", dir.File("mixed.npz"), "--name", "labels"]);

        Assert.True(code == 0, stderr);
        var arrays = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal("array 'labels' has dtype '<U2': statistics are computed for bool, integer and float arrays only (not complex, structured or text ones)",
            arrays[0].GetProperty("not_computed").GetString());
        Assert.Empty(arrays[0].GetProperty("stats").EnumerateArray());
        Assert.False(arrays[1].TryGetProperty("not_computed", out _));
        Assert.Equal(1.5, Assert.Single(arrays[1].GetProperty("stats").EnumerateArray()).GetProperty("mean").GetDouble());
        Assert.Equal(1, named);
        Assert.StartsWith($"error: {dir.File("mixed.npz")}: array 'labels' has dtype '<U2'", namedErr, StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminalTheStatisticsAreATable()
    {
        var header = ArrayHeader.Create(DType.Float64, 10, 2);
        var stats = new ArrayStats("x", header, [1],
            [new ArrayStatistics(9, 1, -2.5, 1e6, 1234.56789012345, 0.123456789012345)]);
        using var output = new StringWriter();

        var singles = new ArrayStats("", ArrayHeader.Create(DType.Float32, 4), null, [new ArrayStatistics(4, 0, 0.1f, 2.5f, 1, 1)]);

        var labels = new ArrayStats("labels", ArrayHeader.Create(DType.Unicode(2), 2), null, [], "not numeric");

        StatsOutput.Table([new StatsRow("data.npz", stats), new StatsRow("f.npy", singles), new StatsRow("data.npz", labels)], output, width: 200);

        var text = output.ToString();
        foreach (var cell in new[] { "array", "column", "NaNs", "data.npz:x", "f8", "-2.5", "1000000", "1234.5679 ", "0.12345679 " })
        {
            Assert.Contains(cell, text, StringComparison.Ordinal);
        }

        // Mean and std are rounded to 8 significant digits in the table (JSON gives them all).
        Assert.DoesNotContain("1234.56789", text, StringComparison.Ordinal);

        Assert.Contains("data.npz:labels", text, StringComparison.Ordinal);
        Assert.Contains("(not numeric)", text, StringComparison.Ordinal);

        // A float32 minimum prints as float32 prints it.
        Assert.Contains("│ 0.1 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0.10000000149", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c.npy", null, 1, "statistics are computed for bool, integer and float arrays only")]
    [InlineData("v.npy", "0", 1, "has 1 dimension(s): columns are along axis 1")]
    [InlineData("m.npy", "2", 1, "column 2 is out of range for axis 1 of length 2")]
    [InlineData("m.npy", "1,,2", 2, "--columns: columns '1,,2' has an empty item")]
    [InlineData("missing.npy", null, 1, "missing.npy")]
    [InlineData("z.npz", "3", 1, "z.npz: array 'm': column 3 is out of range for axis 1 of length 2")]
    public async Task ARefusalIsOneErrorLine(string file, string? columns, int exit, string problem)
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('c.npy', np.ones(3, np.complex64)); np.save('v.npy', np.arange(4.0)); np.save('m.npy', np.ones((2, 2))); np.savez('z.npz', m=np.ones((2, 2)))", dir.Path);
        string[] args = ["stats", dir.File(file), .. columns is null ? Array.Empty<string>() : ["--columns", columns]];

        var (code, stdout, stderr) = await Cli.RunAsync(args);

        Assert.Equal(exit, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
    }

    private static List<JsonElement> ParseReference(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];

    private static void AssertEqual(JsonElement expected, JsonElement actual)
    {
        var where = actual.GetRawText();
        Assert.True(expected.GetProperty("count").GetInt64() == actual.GetProperty("count").GetInt64(), where);
        Assert.True(expected.GetProperty("nans").GetInt64() == actual.GetProperty("nan_count").GetInt64(), where);
        foreach (var name in new[] { "min", "max" })
        {
            var e = expected.GetProperty(name).GetRawText();
            var a = actual.GetProperty(name).GetRawText();
            Assert.True(e.Contains('.', StringComparison.Ordinal) || e.Contains('e', StringComparison.Ordinal)
                ? double.Parse(e, CultureInfo.InvariantCulture) == double.Parse(a, CultureInfo.InvariantCulture)
                : Int128.Parse(e, CultureInfo.InvariantCulture) == Int128.Parse(a, CultureInfo.InvariantCulture), $"{name}: {e} vs {where}");
        }

        foreach (var name in new[] { "mean", "std" })
        {
            var e = expected.GetProperty(name).GetDouble();
            var a = actual.GetProperty(name).GetDouble();
            Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Abs(e), $"{name}: {e:R} vs {where}");
        }
    }
}
