using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>The plugin loaded by the engine like any other: routed by marker entries and extension, written through staging.</summary>
public sealed class EngineTests
{
    private readonly ArrayFiles files = TestServices.Files();

    [Fact]
    public void NpyToZarrAndBackIsByteIdentical()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.random.default_rng(1).standard_normal((1001, 37)).astype('<f4'))", dir.Path);
        files.Convert(dir.File("a.npy"), dir.File("a.zarr"), write: new WriteRequest().With(new ZarrWriteOptions { Chunks = [100, 10] }));
        Assert.Contains("\"node_type\": \"array\"", File.ReadAllText(Path.Combine(dir.File("a.zarr"), "zarr.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.File("a.zarr"), "a")));
        files.Convert(dir.File("a.zarr"), dir.File("b.npy"));
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), File.ReadAllBytes(dir.File("b.npy")));
    }

    [Fact]
    public void NpzBecomesAGroupWithOneArrayPerMember()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', x=np.arange(10), y=np.eye(3))", dir.Path);
        files.Convert(dir.File("a.npz"), dir.File("a.zarr"));
        var x = files.Read(dir.File("a.zarr"), new ReadRequest { Member = "x" });
        var y = files.Read(dir.File("a.zarr"), new ReadRequest { Member = "y" });
        Assert.Equal(new ArrayShape(10), x.Header.Shape);
        Assert.Equal(new ArrayShape(3, 3), y.Header.Shape);
    }

    [Fact]
    public void FixturesReadThroughTheEngine()
    {
        var baz = files.Read(Fixtures.Path("v3/array_zstd.zarr"));
        Assert.Equal(new ArrayShape(10, 10), baz.Header.Shape);
    }
}
