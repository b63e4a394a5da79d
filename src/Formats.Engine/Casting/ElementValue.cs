using System.Globalization;
using System.Runtime.InteropServices;

namespace Formats.Casting;

/// <summary>
/// One element's value, exactly: integers (and bools) as <see cref="Int128"/>, floats and complex numbers as doubles
/// (every <c>f2</c>, <c>f4</c> and <c>f8</c> value is a double). Two values are the same when they are equal as
/// numbers: NaN equals NaN, <c>-0.0</c> equals <c>0</c>.
/// </summary>
internal readonly record struct ElementValue(bool IsInteger, Int128 Integer, double Real, double Imaginary, bool IsComplex = false)
{
    /// <summary>Element <paramref name="index"/> of <paramref name="data"/>, which is in this machine's byte order.</summary>
    public static ElementValue Read(NumericType type, ReadOnlySpan<byte> data, int index) => type switch
    {
        NumericType.Bool => Int(data[index] != 0 ? 1 : 0),
        NumericType.Int8 => Int((sbyte)data[index]),
        NumericType.Int16 => Int(At<short>(data, index)),
        NumericType.Int32 => Int(At<int>(data, index)),
        NumericType.Int64 => Int(At<long>(data, index)),
        NumericType.UInt8 => Int(data[index]),
        NumericType.UInt16 => Int(At<ushort>(data, index)),
        NumericType.UInt32 => Int(At<uint>(data, index)),
        NumericType.UInt64 => Int(At<ulong>(data, index)),
        NumericType.Float16 => new(false, 0, (double)At<Half>(data, index), 0),
        NumericType.Float32 => new(false, 0, At<float>(data, index), 0),
        NumericType.Float64 => new(false, 0, At<double>(data, index), 0),
        NumericType.Complex64 => new(false, 0, At<float>(data, 2 * index), At<float>(data, (2 * index) + 1), true),
        _ => new(false, 0, At<double>(data, 2 * index), At<double>(data, (2 * index) + 1), true),
    };

    public bool SameAs(ElementValue other)
    {
        if (IsInteger && other.IsInteger)
        {
            return Integer == other.Integer;
        }

        if (IsInteger || other.IsInteger)
        {
            var (i, f) = IsInteger ? (this, other) : (other, this);
            return f.Imaginary == 0 && double.IsFinite(f.Real) && Math.Abs(f.Real) < 1e38 && Math.Truncate(f.Real) == f.Real
                && (Int128)f.Real == i.Integer;
        }

        return Same(Real, other.Real) && Same(Imaginary, other.Imaginary);
    }

    /// <summary>As NumPy prints it: <c>300</c>, <c>1.5</c>, <c>nan</c>, <c>-inf</c>, <c>(1+2j)</c>.</summary>
    public override string ToString() =>
        IsInteger ? Integer.ToString(CultureInfo.InvariantCulture)
        : !IsComplex ? Text(Real)
        : $"({Text(Real)}{(double.IsNegative(Imaginary) ? "" : "+")}{Text(Imaginary)}j)";

    private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

    private static string Text(double value) => double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static ElementValue Int(Int128 value) => new(true, value, 0, 0);

    private static T At<T>(ReadOnlySpan<byte> data, int index)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(data)[index];
}
