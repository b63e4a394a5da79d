using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public async Task JsonDescribesNpyAsNumPyDoes()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('s.npy', np.zeros((2, 3), dtype=[('x', '<f4'), ('y', '<i8', (2,))]))\nnp.save('t.npy', np.zeros(5, dtype='M8[ns]'))", dir.Path);
        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("s.npy"), "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("npy", root.GetProperty("format").GetString());
        Assert.Equal(dir.File("s.npy"), root.GetProperty("path").GetString());
        var array = Assert.Single(root.GetProperty("arrays").EnumerateArray());
        Assert.Equal("""[["x","<f4"],["y","<i8",[2]]]""", array.GetProperty("dtype").GetRawText());
        Assert.Equal("[2,3]", array.GetProperty("shape").GetRawText());
        Assert.False(array.GetProperty("fortran_order").GetBoolean());
        Assert.Equal(2 * 3 * 20, array.GetProperty("nbytes").GetInt64());
        Assert.Equal("1.0", array.GetProperty("version").GetString());

        (code, stdout, _) = await Cli.RunAsync("info", dir.File("t.npy"), "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"dtype\":\"<M8[ns]\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawNeedsALayoutAndUsesIt()
    {
        using var dir = new TempDir();
        NumPy.Run("np.arange(12, dtype='<u2').tofile('x.dat')", dir.Path);
        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("x.dat"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {dir.File("x.dat")}: a raw buffer has no header: give its dtype, and optionally its shape, offset and order (--dtype, and optionally --shape, --offset, --order)", stderr.TrimEnd());

        (code, stdout, _) = await Cli.RunAsync("info", dir.File("x.dat"), "--dtype", "<u2", "--shape", "3,4", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"shape\":[3,4]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpyAndRawDataAreMappableAtTheirDataOffset()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('v.npy', np.arange(10, dtype='<f8'))\nwith open('x.dat', 'wb') as f:\n    f.write(b'h' * 16)\n    np.arange(12, dtype='<u2').tofile(f)", dir.Path);
        var (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("v.npy"), "--json");
        Assert.True(code == 0, stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var array = Assert.Single(doc.RootElement.GetProperty("arrays").EnumerateArray());
            Assert.True(array.GetProperty("mappable").GetBoolean());
            Assert.Equal(128, array.GetProperty("data_offset").GetInt64());
        }

        (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("x.dat"), "--dtype", "<u2", "--offset", "16", "--json");
        Assert.True(code == 0, stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var array = Assert.Single(doc.RootElement.GetProperty("arrays").EnumerateArray());
            Assert.True(array.GetProperty("mappable").GetBoolean());
            Assert.Equal(16, array.GetProperty("data_offset").GetInt64());
        }

        (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("v.npy"));
        Assert.True(code == 0, stderr);
        Assert.EndsWith("80 bytes, version 1.0, mappable at offset 128", stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongHeaderNeedsMaxHeaderSize()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('wide.npy', np.zeros(1, dtype=[(f'field_{i}', '<f4') for i in range(600)]))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("info", dir.File("wide.npy"));
        Assert.Equal(1, code);
        Assert.Contains("exceeds the limit of 10000", stderr, StringComparison.Ordinal);

        (code, var stdout, stderr) = await Cli.RunAsync("info", dir.File("wide.npy"), "--max-header-size", "100000", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("field_599", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFileIsOneErrorLine()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("info", "/nonexistent/x.npy");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: /nonexistent/x.npy: no such file\n", stderr.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageErrorsAreOneLineEachAndExitTwo()
    {
        var (code, _, stderr) = await Cli.RunAsync("convert", "only-one-argument");
        Assert.Equal(2, code);
        Assert.All(stderr.TrimEnd().Split('\n'), l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
    }
}
