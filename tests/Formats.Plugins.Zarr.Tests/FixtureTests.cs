namespace Formats.Plugins.Zarr.Tests;

/// <summary>Every store in shared/zarr-fixtures read to the array its README states.</summary>
public sealed class FixtureTests
{
    private static readonly float[] Arange = [.. Enumerable.Range(0, 100).Select(i => (float)i)];

    [Theory]
    [InlineData("v3/array_none.zarr", "3")]
    [InlineData("v3/array_gzip.zarr", "3")]
    [InlineData("v3/array_zstd.zarr", "3")]
    [InlineData("v3/array_blosc.zarr", "3")]
    [InlineData("v2/array_none_C.zarr", "2")]
    [InlineData("v2/array_none_F.zarr", "2")]
    [InlineData("v2/array_blosc_C.zarr", "2")]
    [InlineData("v2/array_gzip_C.zarr", "2")]
    [InlineData("v2/array_zstd_C.zarr", "2")]
    public void Arange10x10ReadsExactly(string store, string version)
    {
        var (entry, data) = Fixtures.Read(store);
        Assert.Equal(version, entry.Version);
        Assert.Equal(ArrayHeader.Create(DType.Float32.WithByteOrder(ByteOrder.Little), 10, 10), entry.Header);
        Assert.Equal(Arange, Fixtures.Floats(data));
    }

    [Fact]
    public void RowsReadOnlyTheChunksThatHoldThem()
    {
        var directory = new FolderDirectory(Fixtures.Path("v3/array_zstd.zarr"));
        var (_, data) = Fixtures.Read("v3/array_zstd.zarr", rows: new RowRange(6, 8), directory: directory);
        Assert.Equal(Arange[60..80], Fixtures.Floats(data));
        Assert.Equal(["c/1/0", "c/1/1"], directory.Opened.Where(e => e.StartsWith("c/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RowsAcrossABandBoundary()
    {
        var (_, data) = Fixtures.Read("v2/array_none_F.zarr", rows: new RowRange(3, 7));
        Assert.Equal(Arange[30..70], Fixtures.Floats(data));
    }

    [Fact]
    public void FixedLengthUtf32()
    {
        var (entry, data) = Fixtures.Read("compat/fixed_length_utf32_v3_le.zarr");
        Assert.Equal(ArrayHeader.Create(DType.Unicode(4, ByteOrder.Little), 5), entry.Header);
        var strings = Enumerable.Range(0, 5).Select(i => System.Text.Encoding.UTF32.GetString(data, i * 16, 16).TrimEnd('\0'));
        Assert.Equal(["abc", "🎉", "hi", "te", ""], strings);
    }

    [Fact]
    public void NullFillReadsAsZeros()
    {
        var (entry, data) = Fixtures.Read("compat/int_v2_fv_null.zarr");
        Assert.Equal(ArrayHeader.Create(DType.Int32.WithByteOrder(ByteOrder.Little), 5), entry.Header);
        Assert.Equal([42, 123, 0, 0, 0], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data).ToArray());
    }

    [Fact]
    public void HierarchyMembersByPath()
    {
        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(Fixtures.Path("hierarchy.zarr")), ArrayReadOptions.Default);
        Assert.Equal(["a/baz", "a/foo"], reader.Names);
        var baz = reader.Describe("a/baz");
        Assert.Equal(ArrayHeader.Create(DType.Float64.WithByteOrder(ByteOrder.Little), 10000, 1000), baz.Header);
        Assert.True(baz.Compressed);
    }

    [Fact]
    public void HierarchyMissingChunksAreTheNaNFill()
    {
        var directory = new FolderDirectory(Fixtures.Path("hierarchy.zarr"));
        var (_, data) = Fixtures.Read("hierarchy.zarr", "a/baz", new RowRange(999, 1001), directory);
        Assert.Equal(2 * 1000 * 8, data.Length);
        Assert.All(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.DoesNotContain(directory.Opened, e => e.Contains("/c/", StringComparison.Ordinal) && !e.StartsWith("a/baz/c/0/", StringComparison.Ordinal) && !e.StartsWith("a/baz/c/1/", StringComparison.Ordinal));
    }

    [Fact]
    public void DetectsStoresByTheirMetadataEntries()
    {
        var format = new ZarrFormat();
        var empty = new Dictionary<string, ReadOnlyMemory<byte>>();
        Assert.True(format.IsDirectoryMatch(["c/", "zarr.json"], empty));
        Assert.True(format.IsDirectoryMatch([".zarray", "0.0"], empty));
        Assert.True(format.IsDirectoryMatch([".zgroup"], empty));
        Assert.False(format.IsDirectoryMatch(["tiles.json"], empty));
    }

    [Theory]
    [InlineData("compat/int_v2_fv_null.zarr", "", 8L, "chunks (2,), 1 of 3 stored, codecs bytes")]
    [InlineData("v2/array_none_F.zarr", "", 400L, "chunks (5, 5), 4 of 4 stored, codecs transpose, bytes")]
    [InlineData("hierarchy.zarr", "a/baz", 0L, "chunks (1000, 100), 0 of 100 stored, codecs bytes, gzip")]
    public void EntriesStateStoredSizeChunksAndCodecs(string fixture, string name, long stored, string layout)
    {
        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(Fixtures.Path(fixture)), ArrayReadOptions.Default);
        var entry = reader.Entries.Single(e => e.Name == name);
        Assert.Equal((stored, entry.Header.ByteLength, layout), (entry.StoredLength, entry.UnpackedLength, entry.Layout));

        // Describe, which every read calls, lists no chunk.
        var folder = new FolderDirectory(Fixtures.Path(fixture));
        using var again = new ZarrFormat().CreateReader(folder, ArrayReadOptions.Default);
        Assert.Null(again.Describe(name).StoredLength);
        Assert.DoesNotContain(folder.Opened, e => !e.EndsWith("zarr.json", StringComparison.Ordinal) && !e.EndsWith(".zarray", StringComparison.Ordinal));
    }
}
