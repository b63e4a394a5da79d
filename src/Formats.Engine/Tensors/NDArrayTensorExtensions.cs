using System.Numerics.Tensors;
using Formats.Storage;

namespace Formats;

/// <summary>System.Numerics.Tensors views and copies of <see cref="NDArray"/>.</summary>
public static class NDArrayTensorExtensions
{
    /// <summary>
    /// A tensor span over the array's data without copying: C or Fortran strides as the array is laid out.
    /// Works beyond 2 GiB for native and mapped storage.
    /// </summary>
    /// <exception cref="InvalidOperationException">The dtype is not <typeparamref name="T"/> in native order.</exception>
    public static unsafe TensorSpan<T> AsTensorSpan<T>(this NDArray array)
        where T : unmanaged
    {
        _ = array.AsSpan<T>(0, 0); // dtype and byte-order check
        var (lengths, strides) = Layout(array);
        if (array.Storage is UnmanagedArrayStorage unmanaged)
        {
            return new TensorSpan<T>((T*)unmanaged.Pointer, (nint)array.ElementCount, lengths, strides);
        }

        return new TensorSpan<T>(array.AsSpan<T>(), lengths, strides);
    }

    /// <summary>A read-only tensor span over the array's data.</summary>
    public static ReadOnlyTensorSpan<T> AsReadOnlyTensorSpan<T>(this NDArray array)
        where T : unmanaged => array.AsTensorSpan<T>();

    /// <summary>A new tensor holding a copy of the data, in C order.</summary>
    public static Tensor<T> ToTensor<T>(this NDArray array)
        where T : unmanaged
    {
        var (lengths, _) = Layout(array);
        var values = new T[checked((int)array.ElementCount)];
        array.AsReadOnlyTensorSpan<T>().CopyTo(new TensorSpan<T>(values, lengths));
        return Tensor.Create(values, lengths);
    }

    /// <summary>A new C-order array holding a copy of <paramref name="tensor"/>.</summary>
    public static NDArray ToNDArray<T>(this ReadOnlyTensorSpan<T> tensor)
        where T : unmanaged
    {
        var shape = tensor.Lengths.ToArray().Select(l => (long)l).ToArray();
        var array = NDArray.Allocate(new ArrayHeader(NDArray.DTypeOf<T>(), new ArrayShape(shape)));
        tensor.CopyTo(array.AsTensorSpan<T>());
        return array;
    }

    private static (nint[] Lengths, nint[] Strides) Layout(NDArray array)
    {
        var rank = array.Shape.Rank;
        var lengths = new nint[rank];
        var strides = new nint[rank];
        var step = (nint)1;
        for (var k = 0; k < rank; k++)
        {
            // C order: the last axis is contiguous; Fortran order: the first.
            var axis = array.Order == ArrayOrder.C ? rank - 1 - k : k;
            lengths[axis] = (nint)array.Shape[axis];
            strides[axis] = array.Shape[axis] > 1 ? step : 0;
            step *= (nint)Math.Max(1, array.Shape[axis]);
        }

        return (lengths, strides);
    }
}
