using Formats.Routing;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Storage;

/// <summary>A format whose data is a directory (<see cref="TilesFormat"/>) is routed, read and written like a file format.</summary>
public sealed class DirectoryFormatTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly ServiceProvider services;
    private readonly ArrayFiles files;

    public DirectoryFormatTests()
    {
        var collection = new ServiceCollection();
        collection.AddArrayFormats().AddFormat<TilesFormat>();
        services = collection.BuildServiceProvider();
        files = services.GetRequiredService<ArrayFiles>();
    }

    public void Dispose()
    {
        services.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void TheRouterTellsADirectoryFormatByItsMarkerThenByItsExtension()
    {
        var router = services.GetRequiredService<FormatRouter>();
        Directory.CreateDirectory(dir.File("plain"));
        Directory.CreateDirectory(dir.File("named.tiles"));
        Directory.CreateDirectory(dir.File("marked"));
        File.WriteAllText(dir.File("marked/tiles.json"), "{\"tiles\": 1}");
        IDirectoryArrayFormat? Route(string name, string? format = null) =>
            router.ForDirectory(FileSystemArrayStorage.Instance.GetDirectory(dir.File(name))!, format);

        Assert.Equal("tiles", Route("marked")?.Name);
        Assert.Equal("tiles", Route("named.tiles")?.Name);
        Assert.Null(Route("plain"));
        Assert.Equal("tiles", Route("plain", "tiles")?.Name);
        Assert.Null(Route("marked", "npy"));
        Assert.Null(FileSystemArrayStorage.Instance.GetDirectory(dir.File("absent")));
    }

    [Fact]
    public async Task AnArrayIsConvertedIntoADirectoryStoreAndBackAsWithAFile()
    {
        NumPy.Run("np.save('a.npy', np.arange(15.0).reshape(5, 3))", dir.Path);
        var store = dir.File("a.tiles");

        var measured = await files.MeasureAsync(files.PlanConversion(dir.File("a.npy"), store));
        var written = files.Convert(dir.File("a.npy"), store);
        var info = files.Inspect(store);
        using var rows = files.Read(store, new ReadRequest { Member = TilesFormat.UnnamedArray });
        await files.ConvertAsync(store, dir.File("back.npy"));

        Assert.Equal("tiles", written.Format.Name);
        // A single array is handed over unnamed, as to a single-array file (Zarr puts it at its root); tiles names it.
        Assert.Equal(["array/", "tiles.json"], Entries(store, ""));
        Assert.Equal(["array/shape", "array/t/"], Entries(store, "array"));
        Assert.Equal(["array/t/0", "array/t/1", "array/t/2"], Entries(store, "array/t"));
        Assert.Equal(12.0, TilesFormat.ValueAt(File.ReadAllBytes(Path.Combine(store, "array/t/2")), 0));
        Assert.Equal(Directory.GetFiles(store, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), measured);
        Assert.Equal(("tiles", new ArrayShape(5, 3)), (info.Format.Name, Assert.Single(info.Entries).Header.Shape));
        Assert.Equal(15, rows.AsSpan<double>().ToArray().Length);
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('back.npy'), np.load('a.npy')))", dir.Path).Trim());
    }

    [Fact]
    public async Task ADirectoryOutputThatFailsLeavesNothingBehind()
    {
        using var good = NDArray.FromValues<double>([1, 2, 3]);
        using var refused = NDArray.FromValues<int>([1, 2, 3]);

        // The second array is refused after the first was staged: neither the store nor its staging folder may remain.
        var e = await Assert.ThrowsAsync<UnsupportedArrayException>(async () =>
            await files.WriteAsync(dir.File("s.tiles"), [new("a", good), new("b", refused)]));

        Assert.Contains("float64", e.Message, StringComparison.Ordinal);
        Assert.Equal(dir.File("s.tiles"), e.SourcePath);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void APlainFolderIsStillNotAnArrayFile()
    {
        Directory.CreateDirectory(dir.File("plain"));

        var e = Assert.Throws<ArrayFileAccessException>(() => files.Inspect(dir.File("plain")));

        Assert.Equal($"{dir.File("plain")}: is a folder", e.Message);
    }

    private static List<string> Entries(string store, string folder) => [.. FileSystemArrayStorage.Instance.GetDirectory(store)!.List(folder)];
}
