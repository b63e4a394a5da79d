using Formats.Testing;

namespace Formats.Plugins.Raw.Tests.BadInput;

/// <summary>A layout NumPy cannot hold is refused when the raw data is opened, not only when it is written as .npy.</summary>
public sealed class RawLayoutLimitTests
{
    [Fact]
    public void MoreThan64DimensionsAreRefusedOnOpening()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("one.dat"), [1]);
        var files = TestServices.Files();
        var shape = new ArrayShape(Enumerable.Repeat(1L, 65).ToArray());

        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Inspect(dir.File("one.dat"), new ReadRequest { Layout = new RawLayout(DType.UInt8, shape) }));

        Assert.Contains("65 dimensions; NumPy arrays have at most 64", e.Message, StringComparison.Ordinal);
        using var ok = files.Read(dir.File("one.dat"), new ReadRequest { Layout = new RawLayout(DType.UInt8, new ArrayShape(Enumerable.Repeat(1L, 64).ToArray())) });
        Assert.Equal(64, ok.Shape.Rank);
    }
}
