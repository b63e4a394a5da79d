using Formats.Plugins.Memmap.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Memmap.Tests.Interop;

/// <summary>r+ reaches the file, c and r never do, w+ leaves the file np.save writes.</summary>
public sealed class MapWriteTests(MapCorpus corpus) : IClassFixture<MapCorpus>
{
    [Fact]
    public void ReadWriteChangesAreSeenByNumPyAfterFlushAndAfterDispose()
    {
        using var dir = new TempDir();
        var path = corpus.Copy("c.npy", dir);
        var array = corpus.Files.Map(path, new MapRequest { Mode = MapMode.ReadWrite });
        try
        {
            Assert.False(array.Storage.IsReadOnly);
            array.AsSpan<double>()[7] = 42.5;
            array.Flush();
            Assert.Equal("42.5", NumPy.Run($"print(np.load(r'{path}')[1, 1])", dir.Path).Trim());

            array.AsTensorSpan<double>()[[(nint)3, 5]] = -1.25;
        }
        finally
        {
            array.Dispose();
        }

        Assert.Equal("42.5 -1.25 0.0", NumPy.Run($"m = np.load(r'{path}', mmap_mode='r'); print(m[1, 1], m[3, 5], m[1, 2] - (8 * 1.5 - 7))", dir.Path).Trim());
    }

    [Fact]
    public void ReadWriteIsRefusedForAChecksummedArchiveMemberAndLeavesItIntact()
    {
        using var dir = new TempDir();
        var path = corpus.Copy("stored.npz", dir);
        var before = MapCorpus.Sha256(path);

        // A write through the map would leave the member's CRC-32 stale, and NumPy's np.load would refuse it.
        var e = Assert.Throws<UnsupportedArrayException>(
            () => corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { Member = "b" }, Mode = MapMode.ReadWrite }));
        Assert.StartsWith($"{path}: member 'b' is covered by a CRC-32", e.Message, StringComparison.Ordinal);

        using (var b = corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { Member = "b" }, Mode = MapMode.CopyOnWrite }))
        {
            b.AsSpan<int>()[11] = 1234;
            Assert.Equal(1234, b.AsSpan<int>()[11]);
        }

        Assert.Equal(before, MapCorpus.Sha256(path));
        Assert.Equal("True", NumPy.Run($"z = np.load(r'{path}'); print(z['b'].ravel()[11] != 1234)", dir.Path).Trim());
    }

    [Fact]
    public void CopyOnWriteShowsTheChangeAndLeavesTheFileByteIdentical()
    {
        using var dir = new TempDir();
        var path = corpus.Copy("f.npy", dir);
        var before = MapCorpus.Sha256(path);

        using (var array = corpus.Files.Map(path, new MapRequest { Mode = MapMode.CopyOnWrite }))
        {
            Assert.False(array.Storage.IsReadOnly);
            array.AsSpan<int>()[0] = 777;
            array.Flush();
            Assert.Equal(777, array.AsSpan<int>()[0]);
        }

        Assert.Equal(before, MapCorpus.Sha256(path));
        Assert.Equal(corpus.Py("print(np.load('f.npy')[0, 0])"), NumPy.Run($"print(np.load(r'{path}')[0, 0])", dir.Path).Trim());
    }

    [Fact]
    public void AWriteThroughAReadOnlyMappingNeitherCrashesNorReachesTheFile()
    {
        using var dir = new TempDir();
        var path = corpus.Copy("c.npy", dir);
        var before = MapCorpus.Sha256(path);

        using (var array = corpus.Files.Map(path))
        {
            Assert.True(array.Storage.IsReadOnly);
            array.AsSpan<double>()[0] = 1e300; // a private page: never the file, never a SIGSEGV
        }

        Assert.Equal(before, MapCorpus.Sha256(path));
    }

    [Theory]
    [InlineData("C")]
    [InlineData("F")]
    public void CreatedNpyFilledIsByteIdenticalToNpSave(string order)
    {
        using var dir = new TempDir();
        var path = dir.File("created.npy");
        NumPy.Run($"np.save('expected.npy', np.require(np.arange(24, dtype='<f8').reshape(4, 6) * 0.5, requirements='{order}'))", dir.Path);
        var header = new ArrayHeader(DType.Float64, new ArrayShape(4, 6), order == "F" ? ArrayOrder.Fortran : ArrayOrder.C);

        using (var array = corpus.Files.CreateMapped(path, header))
        {
            Assert.All(array.ToArray<double>(), v => Assert.Equal(0, v));
            var tensor = array.AsTensorSpan<double>();
            for (var i = 0; i < 4; i++)
            {
                for (var j = 0; j < 6; j++)
                {
                    tensor[[(nint)i, j]] = ((i * 6) + j) * 0.5;
                }
            }
        }

        Assert.Equal(File.ReadAllBytes(dir.File("expected.npy")), File.ReadAllBytes(path));
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('created.npy'), np.load('expected.npy')))", dir.Path).Trim());
    }

    [Fact]
    public void CreatedRawFilledIsWhatToFileWrites()
    {
        using var dir = new TempDir();
        var path = dir.File("created.dat");
        NumPy.Run("(np.arange(35, dtype='<i2').reshape(5, 7) - 17).tofile('expected.dat')", dir.Path);

        using (var array = corpus.Files.CreateMapped(path, new ArrayHeader(DType.Int16, new ArrayShape(5, 7), ArrayOrder.C)))
        {
            var span = array.AsSpan<short>();
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (short)(i - 17);
            }
        }

        Assert.Equal(File.ReadAllBytes(dir.File("expected.dat")), File.ReadAllBytes(path));
    }
}
