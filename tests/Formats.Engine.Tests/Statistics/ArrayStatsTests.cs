using System.Globalization;
using System.Text.Json;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Engine.Tests.Statistics;

/// <summary>
/// <see cref="ArrayFiles.StatsAsync(string, ReadRequest?, StatsRequest?, CancellationToken)"/> against NumPy on files NumPy wrote: count and NaN count exactly, min and max
/// exactly (<c>np.nanmin</c>/<c>np.nanmax</c>; integers as Python ints, beyond 2^53 too), mean and std within 1e-9
/// relative of <c>np.nanmean</c>/<c>np.nanstd</c> of the values as float64, whole arrays and columns along axis 1,
/// in C and Fortran order.
/// </summary>
public sealed class ArrayStatsTests(ArrayStatsTests.Data data) : IClassFixture<ArrayStatsTests.Data>
{
    private readonly ArrayFiles files = TestServices.Files();

    // Each case: the file, the columns asked for (null: the whole array), and the arrays NumPy's reference is of.
    public static TheoryData<string, string?, string> Cases => new()
    {
        { "offset_f8.npy", null, "[a]" },
        { "offset_f8.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "offset_f8_fortran.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "offset_f8_fortran.npy", null, "[a]" },
        { "big_f4.npy", null, "[a]" },
        { "big_f4_2d.npy", "0,2,-1", "[a[:, j] for j in [0, 2, -1]]" },
        { "big_f4_2d_fortran.npy", "1:3,0,1", "[a[:, j] for j in [1, 2, 0, 1]]" },
        { "half.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "half.npy", null, "[a]" },
        { "big_endian_f8.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "big_endian_i4.npy", null, "[a]" },
        { "int64_extremes.npy", null, "[a]" },
        { "int64_extremes.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "uint64_high.npy", null, "[a]" },
        { "uint8.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "bools.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "bools.npy", null, "[a]" },
        { "cube_c.npy", "1,-1,0:2", "[a[:, j] for j in [1, 3, 0, 1]]" },
        { "cube_f.npy", "1,-1,0:2", "[a[:, j] for j in [1, 3, 0, 1]]" },
        { "cube_f.npy", null, "[a]" },
        { "empty_f8.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
        { "infinities.npy", "all", "[a[:, j] for j in range(a.shape[1])]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StatisticsEqualNumPys(string file, string? columns, string arrays)
    {
        var expected = Reference(data.Dir, $"a = np.load('{file}')\nx = {arrays}");
        var stats = await files.StatsAsync(data.Dir.File(file), null, columns is null ? null : StatsRequest.ForColumns(columns));

        var array = Assert.Single(stats);
        Assert.Equal(columns is null, array.Columns is null);
        AssertEqual(expected, array.Statistics, file);
    }

    [Fact]
    public async Task RawInputWithALayoutGivesTheSameStatisticsAsTheNpy()
    {
        var expected = Reference(data.Dir, "a = np.fromfile('raw_i2.bin', dtype='>i2').reshape(300, 4)\nx = [a[:, j] for j in range(4)]");
        var request = new ReadRequest { Layout = new RawLayout(DTypeDescr.Parse(">i2"), ArrayShape.Parse("300,4")) };

        var stats = await files.StatsAsync(data.Dir.File("raw_i2.bin"), request, StatsRequest.ForColumns("all"));

        AssertEqual(expected, Assert.Single(stats).Statistics, "raw_i2.bin");
    }

    [Fact]
    public async Task RawBoolBytesOtherThanZeroAndOneCountAsOne()
    {
        var expected = Reference(data.Dir, "a = np.fromfile('raw_b1.bin', dtype=np.bool_)\nx = [a]");

        var stats = await files.StatsAsync(data.Dir.File("raw_b1.bin"), new ReadRequest { Layout = new RawLayout(DType.Bool) });

        var s = Assert.Single(Assert.Single(stats).Statistics);
        AssertEqual(expected, [s], "raw_b1.bin");
        Assert.Equal((Int128)1, s.IntegerMax);
    }

    [Theory]
    [InlineData("complex.npy", null, "dtype '<c16': statistics are computed for bool, integer and float arrays only")]
    [InlineData("structured.npy", null, "statistics are computed for bool, integer and float arrays only (not complex, structured or text ones)")]
    [InlineData("half.npy", "5", "column 5 is out of range for axis 1 of length 3")]
    [InlineData("big_f4.npy", "0", "has 1 dimension(s): columns are along axis 1 of a 2-D or deeper array")]
    [InlineData("half.npy", "x", "column 'x' is not an index or START:STOP range")]
    public async Task WhatCannotBeSummarisedIsRefusedNamingTheFile(string file, string? columns, string problem)
    {
        var path = data.Dir.File(file);
        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.StatsAsync(path, null, columns is null ? null : StatsRequest.ForColumns(columns)));

        Assert.Equal(path, e.SourcePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllSelectsEveryColumnAndAnEmptyItemIsRefused()
    {
        Assert.Equal(":", StatsRequest.ForColumns("all").Columns!.ToString());
        Assert.Throws<ArrayFormatException>(() => StatsRequest.ForColumns("1,,2"));
    }

    /// <summary>NumPy's statistics of each array of the list <c>x</c> the script makes.</summary>
    internal static List<JsonElement> Reference(TempDir dir, string script) =>
        [.. JsonDocument.Parse(NumPy.Run(script + "\n" + ReferenceScript, dir.Path)).RootElement.EnumerateArray()];

    /// <summary>Asserts that <paramref name="actual"/> equals NumPy's <paramref name="expected"/> (see the class summary).</summary>
    internal static void AssertEqual(List<JsonElement> expected, IReadOnlyList<ArrayStatistics> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var where = $"{what}, entry {i}: {a}";
            Assert.True(e.GetProperty("count").GetInt64() == a.Count, where);
            Assert.True(e.GetProperty("nans").GetInt64() == a.NaNCount, where);
            if (e.GetProperty("integer").GetBoolean() && a.Count > 0)
            {
                Assert.True(Int128.Parse(e.GetProperty("min").GetString()!, CultureInfo.InvariantCulture) == a.IntegerMin, where);
                Assert.True(Int128.Parse(e.GetProperty("max").GetString()!, CultureInfo.InvariantCulture) == a.IntegerMax, where);
                Assert.True((double)a.IntegerMin!.Value == a.Min && (double)a.IntegerMax!.Value == a.Max, where);
            }
            else
            {
                Assert.True(Same(Float(e, "min"), a.Min), where);
                Assert.True(Same(Float(e, "max"), a.Max), where);
                Assert.Null(a.IntegerMin);
            }

            Assert.True(Close(Float(e, "mean"), a.Mean), $"{where}: mean {Float(e, "mean"):R}");
            Assert.True(Close(Float(e, "std"), a.Std), $"{where}: std {Float(e, "std"):R}");
        }
    }

    private static double Float(JsonElement e, string name) => e.GetProperty(name).GetString() switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        var text => double.Parse(text!, CultureInfo.InvariantCulture),
    };

    private static bool Same(double expected, double actual) => expected.Equals(actual);

    private static bool Close(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(actual));

    // Min and max as repr text (Python ints for integer and bool arrays), mean and std of the values as float64, warnings
    // silenced. Not np.nanstd(v, dtype=np.float64): for a float32 v NumPy stores the deviations from the mean in v's
    // float32 (nanvar's subtract into the copy), which is off by about 2e-9 relative on a few million values.
    private const string ReferenceScript = """
import warnings
warnings.simplefilter('ignore')
def ref(v):
    integer = v.dtype.kind in 'biu'
    nans = 0 if integer else int(np.isnan(v).sum())
    if integer:
        lo, hi = (str(int(v.min())), str(int(v.max()))) if v.size else ('nan', 'nan')
    else:
        lo, hi = (repr(float(np.nanmin(v))), repr(float(np.nanmax(v)))) if v.size else ('nan', 'nan')
    return dict(count=int(v.size) - nans, nans=nans, integer=integer, min=lo, max=hi,
                mean=repr(float(np.nanmean(v.astype(np.float64)))), std=repr(float(np.nanstd(v.astype(np.float64)))))
print(json.dumps([ref(v) for v in x]))
""";

    /// <summary>The files, written once by NumPy.</summary>
    public sealed class Data : IDisposable
    {
        public Data()
        {
            NumPy.Run("""
rng = np.random.default_rng(26)
a = 1e6 + 3 * rng.standard_normal((10_000, 7))
a[rng.random(a.shape) < 0.01] = np.nan
a[:, 5] = np.nan
np.save('offset_f8.npy', a)
np.save('offset_f8_fortran.npy', np.asfortranarray(a))
b = (rng.standard_normal(3_000_001) * 50 + 7).astype(np.float32)
b[rng.random(b.size) < 0.001] = np.nan
np.save('big_f4.npy', b)
c = b[:3_000_000].reshape(600_000, 5)
np.save('big_f4_2d.npy', c)
np.save('big_f4_2d_fortran.npy', np.asfortranarray(c))
h = (rng.standard_normal((1000, 3)) * 100).astype(np.float16)
h[::7, 1] = np.nan
np.save('half.npy', h)
np.save('big_endian_f8.npy', (rng.standard_normal((500, 4)) + 123.0).astype('>f8'))
np.save('big_endian_i4.npy', rng.integers(-2**31, 2**31, 5000).astype('>i4'))
i = rng.integers(-2**63, 2**63 - 1, (1000, 3), dtype=np.int64, endpoint=True)
i[0, 0], i[1, 1], i[2, 2], i[3, 0] = -2**63, 2**63 - 1, -2**63 + 1, 2**63 - 2
np.save('int64_extremes.npy', i)
u = rng.integers(2**63, 2**64 - 1, 2000, dtype=np.uint64, endpoint=True)
u[7] = 2**64 - 1
u[9] = 2**63 + 1
np.save('uint64_high.npy', u)
np.save('uint8.npy', rng.integers(0, 256, (3000, 2), dtype=np.uint8))
np.save('bools.npy', rng.random((1000, 3)) < 0.3)
cube = rng.standard_normal((20, 4, 5)) * 1e3
cube[3, 2, :] = np.nan
np.save('cube_c.npy', cube)
np.save('cube_f.npy', np.asfortranarray(cube))
np.save('empty_f8.npy', np.zeros((0, 3)))
f = rng.standard_normal((5000, 3))
f[4000, 0] = np.inf
f[10, 1], f[4500, 1] = np.inf, -np.inf
np.save('infinities.npy', f)
rng.integers(-2**15, 2**15, (300, 4)).astype('>i2').tofile('raw_i2.bin')
open('raw_b1.bin', 'wb').write(bytes([2, 0, 5, 1, 0, 255]))
np.save('complex.npy', np.ones(4, dtype=np.complex128))
np.save('structured.npy', np.zeros(3, dtype=[('x', '<i4'), ('y', '<f8')]))
""", Dir.Path);
        }

        public TempDir Dir { get; } = new();

        public void Dispose() => Dir.Dispose();
    }
}
