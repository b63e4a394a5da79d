using System.Text.Json;
using Formats.Printing;
using Formats.Testing;

namespace Formats.Engine.Tests.Printing;

/// <summary><see cref="FileInfoJson"/> and <see cref="DTypeJson"/>: the dtype is exactly NumPy's <c>dtype.descr</c> as JSON.</summary>
public sealed class FileInfoJsonTests
{
    [Fact]
    public void StructuredDTypeIsNumPysDescr()
    {
        using var dir = new TempDir();
        var descr = NumPy.Run("""
            dt = np.dtype({'names': ['a', 'b'], 'formats': ['<i4', ('<f8', (2, 3))], 'offsets': [0, 8], 'titles': ['A title', None], 'itemsize': 64})
            np.save('s.npy', np.zeros(3, dt))
            print(json.dumps(dt.descr, separators=(',', ':')))
            """, dir.Path).Trim();

        var files = TestServices.Files();
        var info = files.Inspect(dir.File("s.npy"));
        using var json = JsonDocument.Parse(FileInfoJson.Format(info));
        var root = json.RootElement;
        Assert.Equal(dir.File("s.npy"), root.GetProperty("path").GetString());
        Assert.Equal("npy", root.GetProperty("format").GetString());
        var array = Assert.Single(root.GetProperty("arrays").EnumerateArray());
        Assert.Equal("s", array.GetProperty("name").GetString());
        Assert.Equal(descr, array.GetProperty("dtype").GetRawText());
        Assert.Equal("[3]", array.GetProperty("shape").GetRawText());
        Assert.Equal(192, array.GetProperty("nbytes").GetInt64());
        Assert.True(array.GetProperty("mappable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, array.GetProperty("saved_percent").ValueKind);
        Assert.Empty(root.GetProperty("errors").EnumerateArray());
    }
}
