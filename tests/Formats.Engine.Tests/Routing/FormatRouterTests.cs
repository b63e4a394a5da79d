using Formats.Registry;
using Formats.Routing;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Routing;

public sealed class FormatRouterTests
{
    private static readonly byte[] NpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    private static FormatRouter RealRouter() => TestServices.Create().GetRequiredService<FormatRouter>();

    [Fact]
    public void MagicBeatsMisleadingExtensionOnRead()
    {
        using var dir = new TempDir();
        var path = dir.File("looks-raw.dat");
        using (var array = NDArray.FromValues<int>([1, 2, 3]))
        {
            TestServices.Files().Write(dir.File("a.npy"), array);
        }

        File.Copy(dir.File("a.npy"), path);
        var files = TestServices.Files();
        Assert.Equal("npy", files.Inspect(path).Format.Name);
        using var read = files.Read(path);
        Assert.Equal([1, 2, 3], read.ToArray<int>());
    }

    [Fact]
    public void ExtensionDecidesWhenNoMagicMatches()
    {
        var router = RealRouter();
        Assert.Equal("raw", router.ForRead("not npy"u8, "x.bin").Name);
        Assert.Equal("raw", router.ForRead(ReadOnlySpan<byte>.Empty, "x.RAW").Name);
        // An .npy name with foreign content goes to the NPY reader, whose error says what is wrong.
        Assert.Equal("npy", router.ForRead("garbage"u8, "x.npy").Name);
    }

    [Fact]
    public void ExplicitFormatOverridesMagicAndExtension()
    {
        var router = RealRouter();
        using var stream = new MemoryStream(NpyMagic);
        Assert.Equal("raw", router.ForRead(stream, "x.npy", "raw").Name);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void DetectionRestoresTheStreamPosition()
    {
        using var stream = new MemoryStream([.. new byte[5], .. NpyMagic]);
        stream.Position = 5;
        Assert.Equal("npy", RealRouter().ForRead(stream, null).Name);
        Assert.Equal(5, stream.Position);
    }

    [Theory]
    [InlineData("out.npy", null, "npy")]
    [InlineData("out.dat", null, "raw")]
    [InlineData("out.bin", null, "raw")]
    [InlineData("out.raw", null, "raw")]
    [InlineData("out.bin", "npy", "npy")]
    [InlineData("out.npy", "RAW", "raw")]
    public void ExtensionOrExplicitFormatDecidesOnWrite(string path, string? explicitFormat, string expected) =>
        Assert.Equal(expected, RealRouter().ForWrite(path, explicitFormat).Name);

    [Fact]
    public void WriteWithExplicitFormatProducesThatFormat()
    {
        using var dir = new TempDir();
        using var array = NDArray.FromValues<double>([1.5, 2.5]);
        TestServices.Files().Write(dir.File("out.bin"), array, new WriteRequest { Format = "npy" });
        Assert.Equal(NpyMagic[..6], File.ReadAllBytes(dir.File("out.bin"))[..6]);
    }

    [Fact]
    public void UnknownInputListsTheKnownFormats()
    {
        var e = Assert.Throws<UnknownFormatException>(() => RealRouter().ForRead("????"u8, "mystery.xyz"));
        Assert.Contains("'.xyz'", e.Message, StringComparison.Ordinal);
        Assert.Contains("known formats: npy, raw", e.Message, StringComparison.Ordinal);
        Assert.Equal(["npy", "raw"], e.KnownFormats);
    }

    [Fact]
    public void UnknownOutputExtensionAndUnknownNameListTheKnownFormats()
    {
        var router = RealRouter();
        Assert.Contains("known formats: npy, raw", Assert.Throws<UnknownFormatException>(() => router.ForWrite("x.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("no format is called 'hdf5'", Assert.Throws<UnknownFormatException>(() => router.ForWrite("x.npy", "hdf5")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RawIsNeverGuessedFromContent()
    {
        // Bytes that would make a fine raw buffer, but no extension says so.
        Assert.Throws<UnknownFormatException>(() => RealRouter().ForRead(new byte[64], "data"));
    }

    [Fact]
    public void FileErrorNamesTheFile()
    {
        using var dir = new TempDir();
        var path = dir.File("mystery.xyz");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<UnknownFormatException>(() => TestServices.Files().Inspect(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HigherPriorityDetectorWins()
    {
        var router = new FormatRouter(new FormatRegistry(
        [
            new FakeFormat("weak", [".a"], [(byte)'A'], priority: 10),
            new FakeFormat("strong", [".b"], [(byte)'A', (byte)'B'], priority: 100),
        ]));
        Assert.Equal("strong", router.ForRead("AB"u8, null).Name);
        Assert.Equal("weak", router.ForRead("AC"u8, null).Name);
    }

    [Fact]
    public void EqualPriorityOverlapIsAmbiguous()
    {
        var router = new FormatRouter(new FormatRegistry(
        [
            new FakeFormat("one", [".one"], [(byte)'X']),
            new FakeFormat("two", [".two"], [(byte)'X']),
        ]));
        var e = Assert.Throws<UnknownFormatException>(() => router.ForRead("X"u8, null));
        Assert.Contains("both one and two", e.Message, StringComparison.Ordinal);
        Assert.Contains("known formats: one, two", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedExtensionWithoutMagicIsAmbiguous()
    {
        var router = new FormatRouter(new FormatRegistry(
        [
            new FakeFormat("one", [".dat"], null),
            new FakeFormat("two", [".dat"], null),
        ]));
        Assert.Contains("claimed by one and two", Assert.Throws<UnknownFormatException>(() => router.ForRead("?"u8, "x.dat")).Message, StringComparison.Ordinal);
        Assert.Contains("claimed by one and two", Assert.Throws<UnknownFormatException>(() => router.ForWrite("x.dat")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyFormatIsNotChosenForWriting()
    {
        var router = new FormatRouter(new FormatRegistry([new ReadOnlyFakeFormat("ro", [".ro"], [(byte)'R'])]));
        Assert.Equal("ro", router.ForRead("R"u8, null).Name);
        Assert.Throws<UnknownFormatException>(() => router.ForWrite("x.ro"));
        Assert.Contains("cannot write", Assert.Throws<UnknownFormatException>(() => router.ForWrite("x.ro", "ro")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateFormatNamesAreRejected() =>
        Assert.Throws<InvalidOperationException>(() => new FormatRegistry([new FakeFormat("x", [], null), new FakeFormat("X", [], null)]));
}
