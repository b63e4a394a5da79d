using Formats.Plugins.Memmap.Storage;
using Formats.Plugins.Memmap.Tests.Support;

namespace Formats.Plugins.Memmap.Tests.Interop;

/// <summary>Every mappable kind of file, mapped read-only, holds what NumPy's np.load(mmap_mode='r') / np.memmap gives.</summary>
public sealed class MapReadTests(MapCorpus corpus) : IClassFixture<MapCorpus>
{
    public static TheoryData<string, string, string?> Cases => new()
    {
        // name, NumPy expression of the same array, member
        { "c.npy", "np.load('c.npy', mmap_mode='r')", null },
        { "f.npy", "np.load('f.npy', mmap_mode='r')", null },
        { "raw.dat", "np.memmap('raw.dat', dtype='<i2', mode='r', offset=13, shape=(5, 7), order='F')", null },
        { "stored.npz", "np.load('stored.npz')['a']", "a" },
        { "stored.npz", "np.load('stored.npz')['b']", "b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AMappedArrayIsWhatNumPyLoads(string name, string numpy, string? member)
    {
        var expected = corpus.Py($"m = {numpy}; print(m.dtype.str, ','.join(map(str, m.shape)), int(m.flags.f_contiguous and not m.flags.c_contiguous), m.tobytes(order='A').hex())")
            .Split(' ');

        using var array = corpus.Files.Map(corpus.Path(name), Request(name, member));

        Assert.Equal(expected[0], array.DType.TypeString);
        Assert.Equal(expected[1], string.Join(",", array.Shape));
        Assert.Equal(expected[2] == "1" ? ArrayOrder.Fortran : ArrayOrder.C, array.Order);
        Assert.Equal(expected[3], Convert.ToHexStringLower(array.GetBytes()));
        Assert.True(array.Storage.IsReadOnly);
        Assert.IsType<MappedArrayStorage>(array.Storage);
    }

    [Fact]
    public async Task MembersOfAnAlignedArchiveStartOnTheBoundaryAndAreWhatNumPyLoads()
    {
        using var dir = new Formats.Testing.TempDir();
        var path = dir.File("aligned.npz");
        await corpus.Files.ConvertAsync(corpus.Path("stored.npz"), path, write: new WriteRequest { Alignment = 64 });

        foreach (var member in new[] { "a", "b" })
        {
            using var array = corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { Member = member } });
            using (var file = corpus.Files.Open(path))
            {
                Assert.Equal(0, file.Describe(member).Data!.Value.Offset % 64);
            }

            var expected = Formats.Testing.NumPy.Run($"print(np.load(r'{path}')['{member}'].tobytes().hex())", dir.Path).Trim();
            Assert.Equal(expected, Convert.ToHexStringLower(array.GetBytes()));
        }
    }

    [Fact]
    public void MembersOfNumPysArchivesAreUnalignedAndStillReadAsTheirType()
    {
        var path = corpus.Path("stored.npz");
        using (var file = corpus.Files.Open(path))
        {
            // np.savez does not align member data: the case the typed access must survive.
            Assert.NotEqual(0, file.Describe("a").Data!.Value.Offset % 8);
            Assert.NotEqual(0, file.Describe("b").Data!.Value.Offset % 4);
        }

        using var a = corpus.Files.Map(path, Request("stored.npz", "a"));
        using var b = corpus.Files.Map(path, Request("stored.npz", "b"));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i / 4.0), a.ToArray<double>());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i - 5), b.ToArray<int>());
        Assert.Equal(2.25, a.AsSpan<double>(9, 1)[0]);
        Assert.Equal(1, b.AsTensorSpan<int>()[[(nint)1, 2]]);
    }

    [Fact]
    public void TypedWindowsOverRowsAndTensorSpansReadTheMappedData()
    {
        using var array = corpus.Files.Map(corpus.Path("c.npy"));

        // Row 2 of a (4, 6) array: elements 12..17.
        Assert.Equal(Enumerable.Range(12, 6).Select(i => i * 1.5 - 7), array.AsSpan<double>(2 * 6, 6).ToArray());
        var tensor = array.AsTensorSpan<double>();
        Assert.Equal([(nint)4, 6], tensor.Lengths.ToArray());
        Assert.Equal(23 * 1.5 - 7, tensor[[(nint)3, 5]]);
    }

    [Fact]
    public void AFortranArraysTensorSpanUsesItsStrides()
    {
        using var array = corpus.Files.Map(corpus.Path("f.npy"));

        var tensor = array.AsReadOnlyTensorSpan<int>();

        var expected = corpus.Py("m = np.load('f.npy', mmap_mode='r'); print(m[4, 2], m[1, 6])").Split(' ');
        Assert.Equal(int.Parse(expected[0], System.Globalization.CultureInfo.InvariantCulture), tensor[[(nint)4, 2]]);
        Assert.Equal(int.Parse(expected[1], System.Globalization.CultureInfo.InvariantCulture), tensor[[(nint)1, 6]]);
    }

    [Fact]
    public void RowsOfACOrderArrayMapToTheSlice()
    {
        var expected = corpus.Py("m = np.load('c.npy', mmap_mode='r')[1:3]; print(','.join(map(str, m.shape)), m.tobytes().hex())").Split(' ');

        using var rows = corpus.Files.Map(corpus.Path("c.npy"), new MapRequest { Read = new ReadRequest { RowStart = 1, RowStop = 3 } });

        Assert.Equal(expected[0], string.Join(",", rows.Shape));
        Assert.Equal(expected[1], Convert.ToHexStringLower(rows.GetBytes()));
    }

    [Theory]
    [InlineData("empty.npy", null)]
    [InlineData("stored.npz", "e")]
    public void EmptyArraysMapWithoutAMapping(string name, string? member)
    {
        // mmap of length 0 fails (numpy#27722); an empty array needs no pages.
        using var array = corpus.Files.Map(corpus.Path(name), Request(name, member) with { Mode = member is null ? MapMode.ReadWrite : MapMode.CopyOnWrite });

        Assert.Equal(0, array.ByteLength);
        Assert.Equal(0, array.AsSpan<float>().Length);
        array.Flush();
    }

    private static MapRequest Request(string name, string? member) => new()
    {
        Read = name == "raw.dat" ? new ReadRequest { Layout = MapCorpus.RawLayout } : new ReadRequest { Member = member },
    };
}
