namespace Formats.Plugins.Zarr.Tests;

/// <summary>Every data type and codec written by the plugin and read back through it, edge chunks included.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, ZarrCodec> Cases()
    {
        var data = new TheoryData<string, ZarrCodec>();
        foreach (var dtype in new[] { "|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8", "<c8", "<c16", ">f8", ">i4", "<U3" })
        {
            foreach (var codec in Enum.GetValues<ZarrCodec>())
            {
                data.Add(dtype, codec);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryDTypeAndCodecRoundTrips(string dtypeText, ZarrCodec codec)
    {
        using var dir = new Formats.Testing.TempDir();
        var dtype = DType.Parse(dtypeText);
        var header = ArrayHeader.Create(dtype, 7, 5, 3);
        var data = Stores.Pattern(header.ByteLength);
        if (dtype.Kind == DTypeKind.Bool)
        {
            data = [.. data.Select(b => (byte)(b & 1))];
        }

        var store = dir.File("a.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [3, 2, 2], Codec = codec }), (null, header, data));
        // The store holds values, and the reader gives them little-endian, as zarr-python gives them native.
        if (dtype.ByteOrder == ByteOrder.Big)
        {
            (header, data) = (header with { DType = dtype.WithByteOrder(ByteOrder.Little) }, [.. data]);
            for (var i = 0; i < data.Length; i += dtype.ItemSize)
            {
                data.AsSpan(i, dtype.ItemSize).Reverse();
            }
        }

        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(store), ArrayReadOptions.Default);
        Assert.Equal(header, reader.Describe(string.Empty).Header);
        Assert.Equal(data, Stores.Read(store));
        Assert.Equal(data.AsSpan((int)(2 * header.RowByteLength), (int)(3 * header.RowByteLength)).ToArray(), Stores.Read(store, rows: new RowRange(2, 5)));
    }

    [Theory]
    [InlineData(new long[] { }, new long[] { })]
    [InlineData(new long[] { 0 }, new long[] { 4 })]
    [InlineData(new long[] { 3, 0 }, new long[] { 2, 2 })]
    [InlineData(new long[] { 10 }, new long[] { 100 })]
    [InlineData(new long[] { 1000, 3 }, null)]
    public void ScalarsEmptiesAndDefaultChunks(long[] shape, long[]? chunks)
    {
        using var dir = new Formats.Testing.TempDir();
        var header = new ArrayHeader(DType.Float64, new ArrayShape(shape));
        var data = Stores.Pattern(header.ByteLength);
        var store = dir.File("s.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = chunks }), (null, header, data));
        Assert.Equal(data, Stores.Read(store));
    }

    [Fact]
    public void NamedArraysBecomeAGroupHierarchy()
    {
        using var dir = new Formats.Testing.TempDir();
        var a = ArrayHeader.Create(DType.Int32, 4);
        var b = ArrayHeader.Create(DType.Float32, 2, 2);
        var store = dir.File("g.zarr");
        var (da, db) = (Stores.Pattern(a.ByteLength), Stores.Pattern(b.ByteLength));
        Stores.Write(store, ArrayWriteOptions.Default, ("x", a, da), ("sub/y", b, db));
        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(store), ArrayReadOptions.Default);
        Assert.Equal(["sub/y", "x"], reader.Names);
        Assert.Equal(da, Stores.Read(store, "x"));
        Assert.Equal(db, Stores.Read(store, "sub/y"));
        Assert.True(File.Exists(Path.Combine(store, "sub", "zarr.json")));
    }

    [Fact]
    public void OneRowOfALargerStoreOpensOneChunkRow()
    {
        using var dir = new Formats.Testing.TempDir();
        var header = ArrayHeader.Create(DType.Float32, 1000, 100);
        var store = dir.File("big.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [100, 50] }), (null, header, Stores.Pattern(header.ByteLength)));
        var directory = new FolderDirectory(store);
        using var reader = new ZarrFormat().CreateReader(directory, ArrayReadOptions.Default);
        using var row = reader.OpenData(null, new RowRange(555, 556));
        row.ReadExactly(new byte[400]);
        Assert.Equal(["c/5/0", "c/5/1"], directory.Opened.Where(e => e.StartsWith("c/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FortranOrderedArraysAreWrittenBehindATranspose()
    {
        using var dir = new Formats.Testing.TempDir();
        var fortran = new ArrayHeader(DType.Int16, new ArrayShape(5, 4, 3), ArrayOrder.Fortran);
        var data = Stores.Pattern(fortran.ByteLength);
        var store = dir.File("f.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [2, 3, 2] }), (null, fortran, data));
        Assert.Contains("\"transpose\"", File.ReadAllText(Path.Combine(store, "zarr.json")), StringComparison.Ordinal);

        // Read back in C order: element (i, j, k) sits at F offset i + 5j + 20k.
        var c = Stores.Read(store);
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                for (var k = 0; k < 3; k++)
                {
                    var (f, co) = (2 * (i + (5 * j) + (20 * k)), 2 * ((i * 12) + (j * 3) + k));
                    Assert.Equal(data.AsSpan(f, 2).ToArray(), c.AsSpan(co, 2).ToArray());
                }
            }
        }
    }

    [Fact]
    public void BitShuffleInvertsItself()
    {
        var data = Stores.Pattern(4 * 64 + 3);
        var shuffled = new byte[data.Length];
        var back = new byte[data.Length];
        Codecs.Shuffle.BitShuffle(data, shuffled, 4);
        Codecs.Shuffle.BitUnshuffle(shuffled, back, 4, version: 3);
        Assert.Equal(data, back);
        Assert.NotEqual(data, shuffled);
    }

    [Fact]
    public void Crc32cMatchesTheCastagnoliCheckValue()
    {
        Assert.Equal(0xE3069283u, Codecs.Crc32cCodec.Compute("123456789"u8));
    }
}
