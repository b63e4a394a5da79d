using System.Globalization;
using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats stats</c> of an .npz member over 2 GiB (600,000,000 float32, stored as <c>np.savez</c> writes it) equals
/// NumPy's exact statistics: the values are integers below 2^20 with NaNs among them, so NumPy's chunked int64 sums
/// give the sum and the sum of squares exactly and Python's fractions give the mean and std to the last bit.
/// </summary>
public sealed class StatsBigMemberTests
{
    [BigFact]
    public async Task AMemberOver2GiBGivesNumPysExactStatistics()
    {
        using var dir = new TempDir();
        var expected = JsonDocument.Parse(NumPy.Run("""
from fractions import Fraction
n, rows = 600_000_000, 1_000_000
a = np.empty(n, dtype=np.float32)
for s in range(0, n, rows):
    i = np.arange(s, s + rows, dtype=np.int64)
    a[s:s + rows] = (i * 7919) % 1_000_003
    a[s:s + rows][i % 9973 == 5] = np.nan
np.savez('big.npz', small=np.arange(3.0), big=a.reshape(600_000, 1000))
count = s1 = s2 = 0
lo, hi = np.inf, -np.inf
for s in range(0, n, rows):
    c = a[s:s + rows]
    c = c[~np.isnan(c)].astype(np.int64)
    count += c.size
    s1 += int(c.sum())
    s2 += int((c * c).sum())
    lo, hi = min(lo, int(c.min())), max(hi, int(c.max()))
mean = Fraction(s1, count)
var = Fraction(s2, count) - mean * mean
print(json.dumps(dict(count=count, nans=n - count, min=lo, max=hi, mean=float(mean), std=float(var) ** 0.5)))
""", dir.Path)).RootElement;

        var (code, stdout, stderr) = await Cli.RunAsync(["stats", dir.File("big.npz"), "--name", "big", "--json"]);

        Assert.True(code == 0, stderr);
        var stats = Assert.Single(Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray()).GetProperty("stats").EnumerateArray());
        Assert.Equal(expected.GetProperty("count").GetInt64(), stats.GetProperty("count").GetInt64());
        Assert.Equal(expected.GetProperty("nans").GetInt64(), stats.GetProperty("nan_count").GetInt64());
        Assert.Equal(expected.GetProperty("min").GetDouble(), stats.GetProperty("min").GetDouble());
        Assert.Equal(expected.GetProperty("max").GetDouble(), stats.GetProperty("max").GetDouble());
        foreach (var name in new[] { "mean", "std" })
        {
            var (e, a) = (expected.GetProperty(name).GetDouble(), stats.GetProperty(name).GetDouble());
            Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Abs(e), string.Create(CultureInfo.InvariantCulture, $"{name}: {a:R}, NumPy {e:R}"));
        }
    }
}
