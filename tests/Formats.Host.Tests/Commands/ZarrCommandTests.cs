using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>The Zarr plugin through the CLI like the other built-ins: convert with --chunks/--codec, info, show --rows.</summary>
public sealed class ZarrCommandTests
{
    [Fact]
    public async Task ConvertToZarrWithChunksAndCodecAndBack()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(35, dtype='<i4').reshape(7, 5))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("a.zarr"), "--chunks", "3,2", "--codec", "gzip");
        Assert.True(code == 0, stderr);
        var metadata = File.ReadAllText(Directory.EnumerateFiles(dir.File("a.zarr"), "zarr.json", SearchOption.AllDirectories).First(f => File.ReadAllText(f).Contains("\"array\"", StringComparison.Ordinal)));
        Assert.Contains("\"gzip\"", metadata, StringComparison.Ordinal);
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.zarr"), dir.File("back.npy"));
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), File.ReadAllBytes(dir.File("back.npy")));
    }

    [Fact]
    public async Task InfoAndShowReadZarrPythonStores()
    {
        var fixtures = Environment.GetEnvironmentVariable("FORMATS_ZARR_FIXTURES") ?? "/work/shared/zarr-fixtures";
        var (code, stdout, stderr) = await Cli.RunAsync("info", Path.Combine(fixtures, "hierarchy.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("a/baz: dtype '<f8', shape (10000, 1000)", stdout, StringComparison.Ordinal);
        (code, stdout, stderr) = await Cli.RunAsync("show", Path.Combine(fixtures, "v2", "array_blosc_C.zarr"), "--rows", "9:10");
        Assert.True(code == 0, stderr);
        Assert.Contains("90., 91.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCodecIsOneErrorLine()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("a.zarr"), "--codec", "lzma");
        Assert.NotEqual(0, code);
        Assert.Contains("--codec must be zstd, gzip or none", stderr, StringComparison.Ordinal);
    }
}
