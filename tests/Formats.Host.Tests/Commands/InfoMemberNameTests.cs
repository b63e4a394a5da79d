using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>info names archive members exactly as np.load(f).files does, an empty name included.</summary>
public sealed class InfoMemberNameTests
{
    [Fact]
    public async Task AnEmptyMemberNameIsListedAsEmptyNotAsTheFilesStem()
    {
        using var dir = new TempDir();
        var files = NumPy.Run("np.savez('e.npz', **{'': np.arange(3), 'b': np.ones(2)})\nnp.savez('one.npz', **{'': np.arange(2)})\nprint(json.dumps([np.load('e.npz').files, np.load('one.npz').files]))", dir.Path);
        var expected = JsonSerializer.Deserialize<string[][]>(files)!;

        foreach (var (file, names) in new[] { ("e.npz", expected[0]), ("one.npz", expected[1]) })
        {
            var (code, output, err) = await Cli.RunAsync("info", dir.File(file), "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            Assert.Equal(names, doc.RootElement.GetProperty("arrays").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());
        }
    }
}
