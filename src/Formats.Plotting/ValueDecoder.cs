using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Formats.Plotting;

/// <summary>Reads numeric values of any plottable dtype out of raw array bytes as doubles.</summary>
internal static class ValueDecoder
{
    /// <summary>Booleans, integers and IEEE floats: what a line, image or histogram can show.</summary>
    public static bool CanDecode(DType dtype) =>
        dtype.Kind is DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt
        || (dtype.Kind == DTypeKind.Float && dtype.ItemSize is 2 or 4 or 8);

    /// <summary>True for dtypes whose values are whole numbers (a histogram then uses whole-number bins).</summary>
    public static bool IsWhole(DType dtype) => dtype.Kind is DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt;

    /// <summary>
    /// Decodes <paramref name="count"/> values, the first at <paramref name="offset"/>, then every
    /// <paramref name="stride"/> bytes. Data in the other byte order is swapped in <paramref name="source"/> first,
    /// so each value's bytes must be decoded once.
    /// </summary>
    public static void Gather(Span<byte> source, int offset, int stride, int count, DType dtype, Span<double> into)
    {
        var size = dtype.ItemSize;
        if (!dtype.IsNativeByteOrder && size > 1)
        {
            for (var i = 0; i < count; i++)
            {
                source.Slice(offset + (i * stride), size).Reverse();
            }
        }

        switch (dtype.Kind, size)
        {
            case (DTypeKind.Bool, 1):
            case (DTypeKind.UInt, 1):
                Gather<byte>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Int, 1):
                Gather<sbyte>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Int, 2):
                Gather<short>(source, offset, stride, count, into);
                break;
            case (DTypeKind.UInt, 2):
                Gather<ushort>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Int, 4):
                Gather<int>(source, offset, stride, count, into);
                break;
            case (DTypeKind.UInt, 4):
                Gather<uint>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Int, 8):
                Gather<long>(source, offset, stride, count, into);
                break;
            case (DTypeKind.UInt, 8):
                Gather<ulong>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Float, 2):
                Gather<Half>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Float, 4):
                Gather<float>(source, offset, stride, count, into);
                break;
            case (DTypeKind.Float, 8):
                Gather<double>(source, offset, stride, count, into);
                break;
            default:
                throw new UnsupportedArrayException($"dtype {dtype} has no values to plot");
        }
    }

    private static void Gather<T>(Span<byte> source, int offset, int stride, int count, Span<double> into)
        where T : unmanaged, INumberBase<T>
    {
        ref var first = ref MemoryMarshal.GetReference(source);
        if ((long)offset + ((long)(count - 1) * stride) + Unsafe.SizeOf<T>() > source.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "values lie past the buffer");
        }

        for (var i = 0; i < count; i++)
        {
            into[i] = double.CreateTruncating(Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref first, offset + (i * stride))));
        }
    }
}
