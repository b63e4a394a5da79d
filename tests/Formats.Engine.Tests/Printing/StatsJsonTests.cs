using System.Text.Json;
using Formats.Printing;
using Formats.Testing;

namespace Formats.Engine.Tests.Printing;

/// <summary><see cref="StatsJson"/>: exact integers, every float digit, NumPy's words for what JSON has no number for.</summary>
public sealed class StatsJsonTests
{
    [Fact]
    public async Task IntegersAreExactAndNaNIsAString()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var ints = NDArray.FromValues<long>([long.MaxValue, -3]))
        using (var nans = NDArray.FromValues<double>([double.NaN]))
        {
            files.Write(dir.File("i.npy"), ints);
            files.Write(dir.File("n.npy"), nans);
        }

        string Json(ArrayStats stats, string path)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                StatsJson.Write(json, path, stats);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        var i = Assert.Single(await files.StatsAsync(dir.File("i.npy")));
        using var doc = JsonDocument.Parse(Json(i, dir.File("i.npy")));
        Assert.Equal("i", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal("<i8", doc.RootElement.GetProperty("dtype").GetString());
        var s = Assert.Single(doc.RootElement.GetProperty("stats").EnumerateArray());
        Assert.Equal("9223372036854775807", s.GetProperty("max").GetRawText());
        Assert.Equal("-3", s.GetProperty("min").GetRawText());

        var n = Assert.Single(await files.StatsAsync(dir.File("n.npy")));
        using var nan = JsonDocument.Parse(Json(n, dir.File("n.npy")));
        var t = Assert.Single(nan.RootElement.GetProperty("stats").EnumerateArray());
        Assert.Equal(("nan", 1), (t.GetProperty("mean").GetString(), t.GetProperty("nan_count").GetInt32()));
    }
}
