using System.Runtime.InteropServices;

namespace Formats.Casting;

/// <summary>
/// What one pass over an array's values tells about the dtypes that hold them all exactly: the integer range (of
/// integers, or of floats that are all integral), whether every float survives a round trip through <c>f2</c> and
/// <c>f4</c>, whether every imaginary part is zero. Stats of two parts merge, so chunks are scanned in parallel.
/// </summary>
internal sealed class ValueStats
{
    public long Count { get; private set; }

    // Integer sources: the range (unsigned ones in UMax, with SMin 0).
    public long SMin { get; private set; } = long.MaxValue;

    public long SMax { get; private set; } = long.MinValue;

    public ulong UMax { get; private set; }

    // Float (and complex) sources: real parts all finite and integral, and their range.
    public bool Integral { get; private set; } = true;

    public double FMin { get; private set; } = double.PositiveInfinity;

    public double FMax { get; private set; } = double.NegativeInfinity;

    public bool FitsHalf { get; private set; } = true;

    public bool FitsSingle { get; private set; } = true;

    public bool ImaginaryZero { get; private set; } = true;

    /// <summary>Scans native-order elements of <paramref name="type"/>.</summary>
    public static ValueStats Scan(NumericType type, ReadOnlySpan<byte> data)
    {
        var stats = new ValueStats();
        switch (type)
        {
            case NumericType.Bool: stats.Count = data.Length; break;
            case NumericType.Int8: stats.Signed<sbyte>(data); break;
            case NumericType.Int16: stats.Signed<short>(data); break;
            case NumericType.Int32: stats.Signed<int>(data); break;
            case NumericType.Int64: stats.Signed<long>(data); break;
            case NumericType.UInt8: stats.Unsigned<byte>(data); break;
            case NumericType.UInt16: stats.Unsigned<ushort>(data); break;
            case NumericType.UInt32: stats.Unsigned<uint>(data); break;
            case NumericType.UInt64: stats.Unsigned<ulong>(data); break;
            case NumericType.Float16: stats.Floats(MemoryMarshal.Cast<byte, Half>(data), 1); break;
            case NumericType.Float32: stats.Floats(MemoryMarshal.Cast<byte, float>(data), 1); break;
            case NumericType.Float64: stats.Floats(MemoryMarshal.Cast<byte, double>(data), 1); break;
            case NumericType.Complex64: stats.Floats(MemoryMarshal.Cast<byte, float>(data), 2); break;
            default: stats.Floats(MemoryMarshal.Cast<byte, double>(data), 2); break;
        }

        return stats;
    }

    public ValueStats Merge(ValueStats other)
    {
        Count += other.Count;
        SMin = Math.Min(SMin, other.SMin);
        SMax = Math.Max(SMax, other.SMax);
        UMax = Math.Max(UMax, other.UMax);
        Integral &= other.Integral;
        FMin = Math.Min(FMin, other.FMin);
        FMax = Math.Max(FMax, other.FMax);
        FitsHalf &= other.FitsHalf;
        FitsSingle &= other.FitsSingle;
        ImaginaryZero &= other.ImaginaryZero;
        return this;
    }

    private void Signed<T>(ReadOnlySpan<byte> data)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.ISignedNumber<T>
    {
        var values = MemoryMarshal.Cast<byte, T>(data);
        Count = values.Length;
        if (values.Length > 0)
        {
            SMin = long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Min(values));
            SMax = long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Max(values));
        }
    }

    private void Unsigned<T>(ReadOnlySpan<byte> data)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IUnsignedNumber<T>
    {
        var values = MemoryMarshal.Cast<byte, T>(data);
        Count = values.Length;
        if (values.Length > 0)
        {
            SMin = 0;
            UMax = ulong.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Max(values));
        }
    }

    // Parts: 1 for real floats, 2 for complex (real, imaginary interleaved).
    private void Floats<T>(ReadOnlySpan<T> values, int parts)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Count = values.Length / parts;
        bool integral = true, half = true, single = true, imaginaryZero = true;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var v = double.CreateTruncating(values[i]);
            if (!double.IsNaN(v))
            {
                half &= (double)(Half)v == v;
                single &= (double)(float)v == v;
            }

            if (parts == 2 && (i & 1) == 1)
            {
                imaginaryZero &= v == 0;
                continue;
            }

            if (integral && (!double.IsFinite(v) || Math.Truncate(v) != v))
            {
                integral = false;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        (Integral, FitsHalf, FitsSingle, ImaginaryZero, FMin, FMax) = (integral, half, single, imaginaryZero, min, max);
    }
}
