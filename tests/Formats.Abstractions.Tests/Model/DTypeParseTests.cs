namespace Formats.Abstractions.Tests.Model;

/// <summary>
/// The contract names a dtype by NumPy's type string both ways (<see cref="DType.Parse"/>, <see cref="DType.TypeString"/>)
/// without the Python literal parser: structured descrs are Formats.Numpy's.
/// </summary>
public sealed class DTypeParseTests
{
    [Theory]
    [InlineData("<f8", "<f8")]
    [InlineData("float32", "<f4")]
    [InlineData(">i2", ">i2")]
    [InlineData("|b1", "|b1")]
    [InlineData("S10", "|S10")]
    [InlineData(">U3", ">U3")]
    [InlineData("<M8[25s]", "<M8[25s]")]
    [InlineData("V4", "|V4")]
    public void TypeStringsParseAndPrintAsNumPy(string text, string typeString)
    {
        var dtype = DType.Parse(text);
        Assert.Equal(typeString, dtype.TypeString);
        Assert.Equal($"'{typeString}'", dtype.ToString());
        Assert.Equal(dtype, DType.Parse(dtype.TypeString));
    }

    [Fact]
    public void StructuredDTypesPrintTheirDescrAndTypeString()
    {
        var dtype = DType.Packed(("x", DType.Float32), ("id", DType.Int64));
        Assert.Equal("[('x', '<f4'), ('id', '<i8')]", dtype.ToString());
        Assert.Equal("|V12", dtype.TypeString);
    }

    [Theory]
    [InlineData("[('a', '<i4')]")]
    [InlineData("<i4x")]
    [InlineData("<M8[lightyear]")]
    public void WhatIsNotATypeStringIsMalformed(string text) => Assert.Throws<MalformedArrayException>(() => DType.Parse(text));

    [Theory]
    [InlineData("O")]
    [InlineData("g")]
    [InlineData("f9")]
    public void TypesNumPyFilesCannotHoldAreUnsupported(string text) => Assert.Throws<UnsupportedArrayException>(() => DType.Parse(text));
}
