using System.Text.Json;
using Formats.Printing;
using Formats.Testing;

namespace Formats.Engine.Tests.Printing;

/// <summary><see cref="DiffJson"/>: a comparison's fields under their stable names.</summary>
public sealed class DiffJsonTests
{
    [Fact]
    public async Task ArrayDiffListsSidesAndDifferences()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var a = NDArray.FromValues<int>([1, 2, 3]))
        using (var b = NDArray.FromValues<int>([1, 5, 3]))
        {
            files.Write(dir.File("a.npy"), a);
            files.Write(dir.File("b.npy"), b);
        }

        var diff = await files.DiffAsync(dir.File("a.npy"), dir.File("b.npy"));
        using var json = JsonDocument.Parse(DiffJson.Format("a.npy", "b.npy", diff));
        var root = json.RootElement;
        Assert.False(root.GetProperty("equal").GetBoolean());
        Assert.Equal("a.npy", root.GetProperty("a").GetProperty("path").GetString());
        Assert.Equal("\"<i4\"", root.GetProperty("b").GetProperty("dtype").GetRawText());
        Assert.Equal("[3]", root.GetProperty("a").GetProperty("shape").GetRawText());
        Assert.False(root.GetProperty("dtypes_differ").GetBoolean());
        Assert.Equal(1, root.GetProperty("count").GetInt64());
        var d = Assert.Single(root.GetProperty("differences").EnumerateArray());
        Assert.Equal("[1]", d.GetProperty("index").GetRawText());
        Assert.Equal(("2", "5"), (d.GetProperty("a").GetString(), d.GetProperty("b").GetString()));
    }
}
