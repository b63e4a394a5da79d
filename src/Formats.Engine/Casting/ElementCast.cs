using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Formats.Casting;

/// <summary>
/// Converts runs of elements from one numeric dtype to another with NumPy's <c>astype</c> values (see
/// <see cref="CastRequest"/>). Integer to integer, integer to float and float to float go through
/// <see cref="TensorPrimitives.ConvertTruncating{TFrom, TTo}(ReadOnlySpan{TFrom}, Span{TTo})"/> (vectorised where the
/// hardware allows); float to integer follows <see cref="FloatToInteger"/>.
/// </summary>
internal sealed class ElementCast
{
    private readonly bool swapFrom;
    private readonly bool swapTo;

    public ElementCast(DType from, DType to)
    {
        From = NumericTypes.Of(from) ?? throw new ArgumentException($"{from} is not numeric", nameof(from));
        To = NumericTypes.Of(to) ?? throw new ArgumentException($"{to} is not numeric", nameof(to));
        swapFrom = !from.IsNativeByteOrder;
        swapTo = !to.IsNativeByteOrder;
    }

    public NumericType From { get; }

    public NumericType To { get; }

    /// <summary>Converts whole elements from the source dtype's byte order to the target's.</summary>
    public void Convert(ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch)
    {
        ConvertToNative(source, destination, scratch, out _);
        FinishTarget(destination);
    }

    /// <summary>
    /// Converts the whole elements of <paramref name="source"/> (in the source dtype's byte order) into
    /// <paramref name="destination"/> in this machine's byte order (<see cref="FinishTarget"/> then puts them in the
    /// target's). <paramref name="nativeSource"/> is the source in this machine's byte order: swapped into
    /// <paramref name="scratch"/> when it had to be, else the source itself.
    /// </summary>
    public void ConvertToNative(ReadOnlySpan<byte> source, Span<byte> destination, Span<byte> scratch, out ReadOnlySpan<byte> nativeSource)
    {
        nativeSource = source;
        if (swapFrom)
        {
            source.CopyTo(scratch);
            Swap(scratch[..source.Length], From);
            nativeSource = scratch[..source.Length];
        }

        Dispatch(From, To, nativeSource, destination);
    }

    /// <summary>Puts converted elements into the target dtype's byte order.</summary>
    public void FinishTarget(Span<byte> destination)
    {
        if (swapTo)
        {
            Swap(destination, To);
        }
    }

    /// <summary>Reverses the bytes of each component (each part of a complex number) of a run of elements.</summary>
    public static void Swap(Span<byte> data, NumericType type)
    {
        var unit = type.IsComplex() ? type.Size() / 2 : type.Size();
        switch (unit)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }

    private static void Dispatch(NumericType from, NumericType to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (from)
        {
            case NumericType.Bool: FromReal<byte>(to, source, destination, isBool: true); break;
            case NumericType.Int8: FromReal<sbyte>(to, source, destination); break;
            case NumericType.Int16: FromReal<short>(to, source, destination); break;
            case NumericType.Int32: FromReal<int>(to, source, destination); break;
            case NumericType.Int64: FromReal<long>(to, source, destination); break;
            case NumericType.UInt8: FromReal<byte>(to, source, destination); break;
            case NumericType.UInt16: FromReal<ushort>(to, source, destination); break;
            case NumericType.UInt32: FromReal<uint>(to, source, destination); break;
            case NumericType.UInt64: FromReal<ulong>(to, source, destination); break;
            case NumericType.Float16: FromReal<Half>(to, source, destination); break;
            case NumericType.Float32: FromReal<float>(to, source, destination); break;
            case NumericType.Float64: FromReal<double>(to, source, destination); break;
            case NumericType.Complex64: FromComplex<float>(to, source, destination); break;
            default: FromComplex<double>(to, source, destination); break;
        }
    }

    private static void FromReal<TFrom>(NumericType to, ReadOnlySpan<byte> source, Span<byte> destination, bool isBool = false)
        where TFrom : unmanaged, INumberBase<TFrom>
    {
        var s = MemoryMarshal.Cast<byte, TFrom>(source);
        switch (to)
        {
            case NumericType.Bool: ToBool(s, destination); break;
            case NumericType.Int8: Real(s, MemoryMarshal.Cast<byte, sbyte>(destination), isBool); break;
            case NumericType.Int16: Real(s, MemoryMarshal.Cast<byte, short>(destination), isBool); break;
            case NumericType.Int32: Real(s, MemoryMarshal.Cast<byte, int>(destination), isBool); break;
            case NumericType.Int64: Real(s, MemoryMarshal.Cast<byte, long>(destination), isBool); break;
            case NumericType.UInt8: Real(s, destination, isBool); break;
            case NumericType.UInt16: Real(s, MemoryMarshal.Cast<byte, ushort>(destination), isBool); break;
            case NumericType.UInt32: Real(s, MemoryMarshal.Cast<byte, uint>(destination), isBool); break;
            case NumericType.UInt64: Real(s, MemoryMarshal.Cast<byte, ulong>(destination), isBool); break;
            case NumericType.Float16: Real(s, MemoryMarshal.Cast<byte, Half>(destination), isBool); break;
            case NumericType.Float32: Real(s, MemoryMarshal.Cast<byte, float>(destination), isBool); break;
            case NumericType.Float64: Real(s, MemoryMarshal.Cast<byte, double>(destination), isBool); break;
            case NumericType.Complex64: ToComplex(s, MemoryMarshal.Cast<byte, float>(destination), isBool); break;
            default: ToComplex(s, MemoryMarshal.Cast<byte, double>(destination), isBool); break;
        }
    }

    private static void FromComplex<TPart>(NumericType to, ReadOnlySpan<byte> source, Span<byte> destination)
        where TPart : unmanaged, INumberBase<TPart>
    {
        var parts = MemoryMarshal.Cast<byte, TPart>(source);
        if (to == NumericType.Bool)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = parts[2 * i] != TPart.Zero || parts[(2 * i) + 1] != TPart.Zero ? (byte)1 : (byte)0;
            }

            return;
        }

        if (to.IsComplex())
        {
            // Part by part: a float-to-float cast of twice as many numbers.
            var partBytes = to.Size() / 2;
            FromReal<TPart>(partBytes == 4 ? NumericType.Float32 : NumericType.Float64, source, destination);
            return;
        }

        // To a real type: the real part (NumPy warns ComplexWarning and drops the imaginary part).
        var count = parts.Length / 2;
        var real = ArrayPool<TPart>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                real[i] = parts[2 * i];
            }

            FromReal<TPart>(to, MemoryMarshal.AsBytes(real.AsSpan(0, count)), destination);
        }
        finally
        {
            ArrayPool<TPart>.Shared.Return(real);
        }
    }

    private static void ToBool<TFrom>(ReadOnlySpan<TFrom> source, Span<byte> destination)
        where TFrom : unmanaged, INumberBase<TFrom>
    {
        for (var i = 0; i < source.Length; i++)
        {
            // NaN is nonzero (True), -0.0 is zero (False), as in C.
            destination[i] = source[i] != TFrom.Zero ? (byte)1 : (byte)0;
        }
    }

    private static void Real<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination, bool isBool)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        if (isBool)
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = source[i] != TFrom.Zero ? TTo.One : TTo.Zero;
            }
        }
        else if (IsFloat<TFrom>() && !IsFloat<TTo>())
        {
            FloatToInteger.Convert(source, destination);
        }
        else
        {
            TensorPrimitives.ConvertTruncating(source, destination);
        }
    }

    private static void ToComplex<TFrom, TPart>(ReadOnlySpan<TFrom> source, Span<TPart> destination, bool isBool)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TPart : unmanaged, INumberBase<TPart>
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = isBool ? (source[i] != TFrom.Zero ? TPart.One : TPart.Zero) : TPart.CreateTruncating(source[i]);
            destination[(2 * i) + 1] = TPart.Zero;
        }
    }

    private static bool IsFloat<T>() => typeof(T) == typeof(Half) || typeof(T) == typeof(float) || typeof(T) == typeof(double);
}
