using System.Runtime.Versioning;
using Formats.Plugins.Memmap.Tests.Support;
using Formats.Routing;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Formats.Plugins.Memmap.Tests.Errors;

/// <summary>Whatever cannot be mapped is one <see cref="ArrayFormatException"/> naming the file.</summary>
public sealed class MapErrorTests(MapCorpus corpus) : IClassFixture<MapCorpus>
{
    [Fact]
    public void ADeflatedMemberSaysHowToReadIt()
    {
        var path = corpus.Path("deflated.npz");

        var e = Assert.Throws<UnsupportedArrayException>(() => corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { Member = "x" } }));

        Assert.Equal(path, e.SourcePath);
        Assert.Equal(
            "member 'x' is compressed (deflate) and cannot be mapped; read it with ArrayFiles.Read(path, new ReadRequest { Member = \"x\" }), which inflates it lazily",
            e.Problem);
    }

    [Fact]
    public void ATruncatedFileIsRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("short.npy");
        var bytes = File.ReadAllBytes(corpus.Path("c.npy"));
        File.WriteAllBytes(path, bytes[..^8]);

        var e = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Files.Map(path));

        Assert.Equal(path, e.SourcePath);
    }

    [Fact]
    public void TheMapperRefusesARangePastTheEndOfTheFile()
    {
        // The reader refuses a truncated file first; the mapper checks again, for a file that shrank since.
        var path = corpus.Path("c.npy");
        var header = new ArrayHeader(DType.Float64, new ArrayShape(100), ArrayOrder.C);

        var e = Assert.Throws<MalformedArrayException>(() => corpus.Mapper.Map(path, new DataRange(128, 800), header, MapMode.ReadOnly));

        Assert.Contains("past the end", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ARawOffsetPastTheEndIsRefused()
    {
        var path = corpus.Path("raw.dat");
        var layout = MapCorpus.RawLayout with { Offset = 10_000 };

        var e = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { Layout = layout } }));

        Assert.Equal(path, e.SourcePath);
        Assert.Contains("past the end", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void ReadWriteOnAReadOnlyFileIsPermissionDeniedUnlessTheOsAllowsIt()
    {
        using var dir = new TempDir();
        var path = corpus.Copy("c.npy", dir);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        if (OsLetsUsWrite(path))
        {
            // Root (as in this container) ignores file permissions: r+ then maps like NumPy's does. The refusal itself is
            // covered by OpeningForWritingWhatTheOsRefusesIsPermissionDenied.
            Assert.Equal("root", Environment.UserName);
            using var mapped = corpus.Files.Map(path, new MapRequest { Mode = MapMode.ReadWrite });
            Assert.False(mapped.Storage.IsReadOnly);
            return;
        }

        var e = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Files.Map(path, new MapRequest { Mode = MapMode.ReadWrite }));
        Assert.Equal(path, e.SourcePath);
        Assert.Contains("permission denied", e.Problem, StringComparison.Ordinal);

        // Read-only and copy-on-write need no write access.
        using var readOnly = corpus.Files.Map(path);
        using var copy = corpus.Files.Map(path, new MapRequest { Mode = MapMode.CopyOnWrite });
    }

    [Fact]
    public void OpeningForWritingWhatTheOsRefusesIsPermissionDenied()
    {
        // A folder cannot be opened for writing, not even by root: the mapper's own refusal, below the engine.
        using var dir = new TempDir();
        var header = new ArrayHeader(DType.Float64, new ArrayShape(1), ArrayOrder.C);

        var e = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Mapper.Map(dir.Path, new DataRange(0, 8), header, MapMode.ReadWrite));
        Assert.Equal("permission denied: cannot open the file for writing (map mode ReadWrite)", e.Problem);

        // Through the engine the folder is refused as it is read, naming it.
        var viaEngine = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Files.Map(dir.Path, new MapRequest { Mode = MapMode.ReadWrite }));
        Assert.Equal(dir.Path, viaEngine.SourcePath);
    }

    [Fact]
    public void RowsOfAFortranArrayAreNotContiguousAndAreRefused()
    {
        var path = corpus.Path("f.npy");

        var e = Assert.Throws<UnsupportedArrayException>(() => corpus.Files.Map(path, new MapRequest { Read = new ReadRequest { RowStart = 1, RowStop = 2 } }));

        Assert.Equal(path, e.SourcePath);
    }

    [Fact]
    public void WithoutTheMapperPluginMappingSaysWhichPluginIsMissing()
    {
        using var services = TestServices.Create();
        var files = new ArrayFiles(services.GetRequiredService<FormatRouter>(), Options.Create(new ArrayFormatsOptions()));
        var path = corpus.Path("c.npy");

        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Map(path));

        Assert.Equal(path, e.SourcePath);
        Assert.Contains("Formats.Plugins.Memmap", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatingAnArchiveMappedIsRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("new.npz");

        var e = Assert.ThrowsAny<ArrayFormatException>(() => corpus.Files.CreateMapped(path, new ArrayHeader(DType.Float64, new ArrayShape(3), ArrayOrder.C)));

        Assert.Equal(path, e.SourcePath);
        Assert.False(File.Exists(path));
    }

    private static bool OsLetsUsWrite(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
