using System.Text.Json;
using Formats.Host.Output;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats advise</c> on the seed lesson's six data cases (its "savez vs savez_compressed" demo): the expected
/// narrowest dtypes, and every size it prints equals the size of the file its command then writes.
/// </summary>
public sealed class AdviseCommandTests
{
    // The lesson's cases 1-4, and case 5 both as int32 and as the "optimal" uint8.
    private const string SeedCases = """
rng = np.random.default_rng(14)
n = 1_000_000
np.save('case1_ones.npy', np.ones(n, dtype=np.int32))
np.save('case2_ascending.npy', np.arange(1, n, dtype=np.int32))
np.save('case3_random.npy', rng.integers(1, 1_000_000, size=n, dtype=np.int32))
np.save('case4_noisy.npy', np.arange(n, dtype=np.int32) + rng.integers(1, 20, size=n, dtype=np.int32))
np.save('case5_small_range.npy', rng.integers(0, 255, size=n, dtype=np.int32))
np.save('case6_small_range_u8.npy', rng.integers(0, 255, size=n, dtype=np.uint8))
""";

    [Fact]
    public async Task TheSeedLessonsSixCasesGetTheirNarrowestDTypesAndExactSizes()
    {
        using var dir = new TempDir();
        NumPy.Run(SeedCases, dir.Path);
        var expected = new Dictionary<string, string>
        {
            ["case1_ones"] = "|u1",
            ["case2_ascending"] = "<i4",
            ["case3_random"] = "<i4",
            ["case4_noisy"] = "<i4",
            ["case5_small_range"] = "|u1",
            ["case6_small_range_u8"] = "|u1",
        };

        var (code, stdout, stderr) = await Cli.RunAsync(["advise", .. expected.Keys.Select(k => dir.File(k + ".npy"))]);

        Assert.True(code == 0, stderr);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        var smallest = new List<string>();
        foreach (var row in rows)
        {
            var name = row.GetProperty("name").GetString()!;
            Assert.Equal(expected[name], row.GetProperty("advised").GetString());
            var files = row.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(expected[name] == row.GetProperty("dtype").GetString() ? 2 : 4, files.Count);
            foreach (var file in files)
            {
                // Run the printed command and compare the file it writes with the printed size.
                var words = file.GetProperty("command").GetString()!.Split(' ');
                Assert.Equal("formats", words[0]);
                var output = words[3];
                File.Delete(output);
                var (runCode, _, runErr) = await Cli.RunAsync(words[1..]);
                Assert.True(runCode == 0, runErr);
                Assert.Equal(file.GetProperty("bytes").GetInt64(), new FileInfo(output).Length);
                if (file.GetProperty("command").GetString() == row.GetProperty("command").GetString())
                {
                    File.Copy(output, dir.File(name + ".smallest.npz"));
                }
            }

            Assert.Equal(files.Min(f => f.GetProperty("bytes").GetInt64()), row.GetProperty("bytes").GetInt64());
            smallest.Add($"('{name}', '{row.GetProperty("advised").GetString()}')");
        }

        // The smallest files hold the same values, in the advised dtype.
        Assert.Equal("ok", NumPy.Run($$"""
for name, advised in [{{string.Join(", ", smallest)}}]:
    a = np.load(name + '.npy')
    z = np.load(name + '.smallest.npz')
    b = z[z.files[0]]
    assert b.dtype == np.dtype(advised) and np.array_equal(a, b), name
print('ok')
""", dir.Path).Trim());
    }

    [Fact]
    public async Task FloatsComplexAndRawInputsFollowTheLadder()
    {
        using var dir = new TempDir();
        NumPy.Run("""
np.savez('m.npz', integral=np.array([0.0, -0.0, 3.0, -120.0]), halves=np.array([0.5, 1.25, -2048.0, np.nan, np.inf]),
         singles=np.array([0.1], dtype=np.float32).astype(np.float64), doubles=np.array([0.1]),
         real=np.array([1 + 0j, 70000 + 0j]), cplx=np.array([1 + 0.5j]), flags=np.array([True, False]),
         text=np.array(['a']), empty=np.zeros(0, dtype='<i8'), big=np.array([2**40], dtype='>i8'))
np.arange(-5, 5, dtype='>i2').tofile('raw.dat')
""", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync("advise", dir.File("m.npz"), "--json");
        Assert.True(code == 0, stderr);
        var advised = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("advised").GetString());
        Assert.Equal("|i1", advised["integral"]);
        Assert.Equal("<f2", advised["halves"]);
        Assert.Equal("<f4", advised["singles"]);
        Assert.Equal("<f8", advised["doubles"]);
        Assert.Equal("<u4", advised["real"]);
        Assert.Equal("<c8", advised["cplx"]);
        Assert.Equal("|b1", advised["flags"]);
        Assert.Null(advised["text"]);
        Assert.Equal("<i8", advised["empty"]);
        Assert.Equal(">i8", advised["big"]);

        (code, stdout, stderr) = await Cli.RunAsync("advise", dir.File("raw.dat"), "--dtype", ">i2");
        Assert.True(code == 0, stderr);
        var raw = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList());
        Assert.Equal("|i1", raw.GetProperty("advised").GetString());
        var command = raw.GetProperty("command").GetString()!;
        Assert.Contains("--dtype '>i2'", command, StringComparison.Ordinal);
        Assert.Contains("--cast i1", command, StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminalTheAdviceIsATableWithTheSmallestMarked()
    {
        var advice = new DTypeAdvice("x", ArrayHeader.Create(DType.Int32, 1000), DType.UInt8);
        var row = new AdviceRow("data.npz", advice,
        [
            new AdviceOption(DType.Int32, false, 4258, "formats convert data.npz data.x.small.npz --name x"),
            new AdviceOption(DType.Int32, true, 1530, "formats convert data.npz data.x.small.npz --name x --compress"),
            new AdviceOption(DType.UInt8, false, 1258, "formats convert data.npz data.x.small.npz --name x --cast u1"),
            new AdviceOption(DType.UInt8, true, 1301, "formats convert data.npz data.x.small.npz --name x --cast u1 --compress"),
        ]);
        using var output = new StringWriter();

        AdviceOutput.Table([row], output, width: 240);

        var text = output.ToString();
        Assert.Contains("1,258 *", text, StringComparison.Ordinal);
        Assert.Contains("4,258", text, StringComparison.Ordinal);
        Assert.Contains("x: formats convert data.npz data.x.small.npz --name x --cast u1  (1,258 bytes)", text, StringComparison.Ordinal);
    }
}
