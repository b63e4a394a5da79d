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
    public async Task ASingleNpyBecomesTheStoresRootArrayAndAnNpzAGroup()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('x.npy', np.arange(12, dtype='<f4').reshape(3, 4)); np.savez('y.npz', a=np.arange(3), b=np.ones((2, 2)))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.npy"), dir.File("x.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Equal(["c", "zarr.json"], Directory.EnumerateFileSystemEntries(dir.File("x.zarr")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("\"node_type\": \"array\"", File.ReadAllText(Path.Combine(dir.File("x.zarr"), "zarr.json")), StringComparison.Ordinal);
        (code, var stdout, stderr) = await Cli.RunAsync("info", dir.File("x.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("  x: dtype '<f4', shape (3, 4)", stdout, StringComparison.Ordinal);

        // Back out of the store: an .npy byte for byte, an .npz member named after the store, a root again in a new store.
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.zarr"), dir.File("back.npy"));
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("x.npy")), File.ReadAllBytes(dir.File("back.npy")));
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.zarr"), dir.File("x.npz"));
        Assert.True(code == 0, stderr);
        Assert.Equal("['x']", NumPy.Run("print(list(np.load('x.npz').keys()))", dir.Path).Trim());
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.zarr"), dir.File("copy.zarr"));
        Assert.True(code == 0, stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.File("copy.zarr"), "x")));

        // --name names the one array: a group with that member.
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.npy"), dir.File("named.zarr"), "--name", "arr");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(dir.File("named.zarr"), "arr", "zarr.json")));

        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("y.npz"), dir.File("y.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("\"node_type\": \"group\"", File.ReadAllText(Path.Combine(dir.File("y.zarr"), "zarr.json")), StringComparison.Ordinal);
        (code, stdout, stderr) = await Cli.RunAsync("info", dir.File("y.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("  a: dtype '<i8', shape (3,)", stdout, StringComparison.Ordinal);
        Assert.Contains("  b: dtype '<f8', shape (2, 2)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blosc-lz4", "\"cname\": \"lz4\"")]
    [InlineData("zstd", "\"zstd\"")]
    public async Task ConvertToAShardedStoreAndBack(string codec, string expected)
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(23 * 17, dtype='<f4').reshape(23, 17))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("a.zarr"), "--chunks", "3,4", "--shard", "6,8", "--codec", codec);
        Assert.True(code == 0, stderr);
        var metadata = File.ReadAllText(Path.Combine(dir.File("a.zarr"), "zarr.json"));
        Assert.Contains("\"sharding_indexed\"", metadata, StringComparison.Ordinal);
        Assert.Contains(expected, metadata, StringComparison.Ordinal);
        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.zarr"), dir.File("back.npy"));
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), File.ReadAllBytes(dir.File("back.npy")));

        // info: the grid, the shards stored, the codecs, and what the shards take in the store.
        (code, var stdout, stderr) = await Cli.RunAsync("info", dir.File("a.zarr"));
        Assert.True(code == 0, stderr);
        var stored = Directory.GetFiles(Path.Combine(dir.File("a.zarr"), "c"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.Contains($"compressed, shards (6, 8) of chunks (3, 4), 12 of 12 stored, codecs sharding_indexed (bytes, {(codec == "zstd" ? "zstd" : "blosc")}), stored {stored} of 1564 bytes", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await Cli.RunAsync("convert", dir.File("a.npy"), dir.File("b.zarr"), "--chunks", "3,4", "--shard", "5,8");
        Assert.NotEqual(0, code);
        Assert.Contains("shard (5, 8) is not a multiple of chunks (3, 4)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("b.zarr")));
    }

    [Fact]
    public async Task BatchJobsConvertIntoAndOutOfStores()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('x.npy', np.arange(12, dtype='<f4').reshape(3, 4)); np.savez('y.npz', a=np.arange(3), b=np.ones((2, 2)))", dir.Path);
        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("x.npy"), dir.File("y.npz"), "--outdir", dir.File("stores"), "--to", "zarr");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(dir.File("stores"), "x.zarr", "zarr.json")));
        Assert.True(File.Exists(Path.Combine(dir.File("stores"), "y.zarr", "b", "zarr.json")));
        (code, _, stderr) = await Cli.RunAsync("convert", Path.Combine(dir.File("stores"), "x.zarr"), Path.Combine(dir.File("stores"), "y.zarr"), "--outdir", dir.File("back"), "--to", "npz");
        Assert.True(code == 0, stderr);
        Assert.Equal("x [3, 4]; a [3] b [2, 2]", NumPy.Run(
            "print('; '.join(' '.join(f'{k} {list(v.shape)}' for k, v in np.load(f).items()) for f in ['back/x.npz', 'back/y.npz']))", dir.Path).Trim());
    }

    [Fact]
    public async Task VerifyPlotAdviseAndStatsTakeAStoreAndAMember()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('y.npz', a=np.arange(300.0), b=np.ones((20, 2)))", dir.Path);
        var (code, stdout, stderr) = await Cli.RunAsync("convert", dir.File("y.npz"), dir.File("y.zarr"));
        Assert.True(code == 0, stderr);
        (code, stdout, stderr) = await Cli.RunAsync("convert", dir.File("y.zarr"), dir.File("a.zarr"), "--name", "a", "--chunks", "64");
        Assert.True(code == 0, stderr);
        (code, stdout, stderr) = await Cli.RunAsync("verify", dir.File("y.zarr"), dir.File("a.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("y.zarr: ok (2 array(s), 2720 data bytes)", stdout, StringComparison.Ordinal);
        (code, _, stderr) = await Cli.RunAsync("plot", dir.File("y.zarr"), "--name", "b", "--out", dir.File("b.png"));
        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(dir.File("b.png")).Length > 0);
        (code, stdout, stderr) = await Cli.RunAsync("advise", dir.File("a.zarr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("\"advised\": \"<u2\"", stdout, StringComparison.Ordinal);
        (code, stdout, stderr) = await Cli.RunAsync("stats", dir.File("y.zarr"), "--name", "a", "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"max\": 299", stdout, StringComparison.Ordinal);
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
        Assert.Contains("--codec must be zstd, gzip, blosc-lz4, blosc-zstd, blosc-zlib or none", stderr, StringComparison.Ordinal);
    }
}
