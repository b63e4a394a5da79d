using System.Numerics;
using Formats.Numpy;

namespace Formats.Abstractions.Tests.Model;

/// <summary>Shapes, headers and arrays: checked sizes, Python reprs, typed views.</summary>
public sealed class ArrayModelTests
{
    [Theory]
    [InlineData("()", new long[0])]
    [InlineData("5", new long[] { 5 })]
    [InlineData("(5,)", new long[] { 5 })]
    [InlineData("3,4", new long[] { 3, 4 })]
    [InlineData(" [ 3, 0, 2 ] ", new long[] { 3, 0, 2 })]
    public void ShapesParseAndPrintAsPython(string text, long[] dims)
    {
        var shape = ArrayShape.Parse(text);

        Assert.Equal(dims, shape.Dimensions.ToArray());
        Assert.Equal(Formats.Literals.PyRepr.Tuple(dims), shape.ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3,x")]
    [InlineData("4611686018427387904,4611686018427387904")]
    public void BadShapesAreRefused(string text) => Assert.ThrowsAny<ArrayFormatException>(() => ArrayShape.Parse(text));

    [Fact]
    public void SizesAreChecked()
    {
        Assert.Equal(1, ArrayShape.Scalar.ElementCount);
        Assert.Equal(0, new ArrayShape(0, 5).ElementCount);
        Assert.Throws<MalformedArrayException>(() => ArrayHeader.Create(DType.Float64, 1L << 61).ByteLength);
        Assert.Throws<MalformedArrayException>(() => new ArrayShape(-1));
        Assert.Equal(24, ArrayHeader.Create(DType.Int32, 2, 3).RowByteLength * 2);
    }

    [Fact]
    public void TypedViewsNeedTheMatchingNativeDType()
    {
        using var complex = NDArray.FromValues<Complex>([new(1, 2)]);
        using var dates = NDArray.FromBytes(ArrayHeader.Create(DType.DateTime64("ns"), 1), new byte[8]);
        using var big = NDArray.FromBytes(ArrayHeader.Create(DType.Int32.WithByteOrder(ByteOrder.Big), 1), [0, 0, 0, 7]);

        Assert.Equal(DType.Complex128, complex.DType);
        Assert.Equal(new[] { 0L }, dates.ToArray<long>());
        Assert.Throws<InvalidOperationException>(() => complex.ToArray<double>());
        Assert.Throws<InvalidOperationException>(() => big.ToArray<int>());
        Assert.Throws<ArgumentException>(() => NDArray.FromValues<int>([1, 2, 3], [2, 2]));
    }

    [Theory]
    [InlineData("'<f16'")]
    [InlineData("'>f16'")]
    [InlineData("'<c32'")]
    [InlineData("'<f12'")]
    public void LongDoublesKeepTheirBytesButRefuseTypedViews(string descr)
    {
        var dtype = DTypeDescr.Parse(descr);
        var bytes = Enumerable.Range(0, dtype.ItemSize * 2).Select(i => (byte)i).ToArray();
        using var array = NDArray.FromBytes(ArrayHeader.Create(dtype, 2), bytes);

        Assert.Equal(bytes, array.GetBytes().ToArray());
        var e = Assert.Throws<UnsupportedArrayException>(() => array.ToArray<double>());
        Assert.Contains("long double", e.Problem, StringComparison.Ordinal);
        Assert.Contains(dtype.TypeString, e.Problem, StringComparison.Ordinal);
        Assert.Throws<UnsupportedArrayException>(() => array.AsSpan<Complex>());
        Assert.Throws<UnsupportedArrayException>(() => array.AsSpan<byte>(0, 0));
    }

    [Fact]
    public void BigEndianLongDoubleConvertsToNativeByReversingEachItem()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var array = NDArray.FromBytes(ArrayHeader.Create(DTypeDescr.Parse("'>f16'"), 2), bytes);

        array.ConvertToNativeByteOrder();

        Assert.Equal("'<f16'", array.DType.ToString());
        Assert.Equal(bytes[..16].Reverse().Concat(bytes[16..].Reverse()), array.GetBytes().ToArray());
    }

    [Fact]
    public void DTypesCompareByValue()
    {
        Assert.Equal(DTypeDescr.Parse("[('a', '<i4')]"), DType.Packed(("a", DType.Int32)));
        Assert.NotEqual(DTypeDescr.Parse("[('a', '>i4')]"), DType.Packed(("a", DType.Int32)));
        Assert.NotEqual(DTypeDescr.Parse("[(('t', 'a'), '<i4')]"), DType.Packed(("a", DType.Int32)));
        Assert.Equal(DType.DateTime64("25s"), DTypeDescr.Parse("'<M8[25s]'"));
        Assert.NotEqual(DType.DateTime64("s"), DType.DateTime64("25s"));
        Assert.Equal(DTypeDescr.Parse("('<i4', (2, 3))"), DType.Subarray(DType.Int32, 2, 3));
        Assert.NotEqual(DType.Subarray(DType.Int32, 3, 2), DType.Subarray(DType.Int32, 2, 3));
        Assert.True(DTypeDescr.Parse("[('a', '>i4', (2,))]").WithByteOrder(ByteOrder.Little).IsNativeByteOrder);
    }
}
