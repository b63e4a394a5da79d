using System.Numerics.Tensors;

namespace Formats.Engine.Tests.Tensors;

public sealed class TensorInteropTests
{
    [Fact]
    public void CArrayViewsAsTensorWithoutCopying()
    {
        using var array = NDArray.FromValues<int>([0, 1, 2, 3, 4, 5], [2, 3]);
        var span = array.AsTensorSpan<int>();
        Assert.Equal([(nint)2, 3], span.Lengths.ToArray());
        Assert.Equal(5, span[1, 2]);
        span[0, 1] = 42;
        Assert.Equal(42, array.AsSpan<int>()[1]);
    }

    [Fact]
    public void FortranArrayUsesColumnStrides()
    {
        // Column-major data for [[0, 1, 2], [3, 4, 5]].
        using var array = NDArray.FromValues<int>([0, 3, 1, 4, 2, 5], [2, 3], ArrayOrder.Fortran);
        var span = array.AsReadOnlyTensorSpan<int>();
        Assert.Equal(1, span[0, 1]);
        Assert.Equal(3, span[1, 0]);
        var tensor = array.ToTensor<int>();
        Assert.Equal([0, 1, 2, 3, 4, 5], tensor.ToArray());
    }

    [Fact]
    public void TensorRoundTripsThroughNDArray()
    {
        var tensor = Tensor.Create([1.5f, 2.5f, 3.5f, 4.5f], [(nint)2, 2]);
        using var array = ((ReadOnlyTensorSpan<float>)tensor.AsTensorSpan()).ToNDArray();
        Assert.Equal(new ArrayShape(2, 2), array.Shape);
        Assert.Equal([1.5f, 2.5f, 3.5f, 4.5f], array.ToArray<float>());
    }

    [Fact]
    public void WrongElementTypeIsRefused()
    {
        using var array = NDArray.FromValues<int>([1, 2]);
        Assert.Throws<InvalidOperationException>(() => array.AsTensorSpan<float>());
    }

    [Fact]
    public void ForeignByteOrderIsConvertedOnRequest()
    {
        var header = new ArrayHeader(DType.Int32.WithByteOrder(ByteOrder.Big), new ArrayShape(2));
        using var array = NDArray.FromBytes(header, [0, 0, 1, 0, 0, 0, 0, 7]);
        Assert.Throws<InvalidOperationException>(() => array.AsSpan<int>());
        array.ConvertToNativeByteOrder();
        Assert.Equal([256, 7], array.ToArray<int>());
        Assert.Equal("<i4", array.DType.ToString().Trim('\''));
    }
}
