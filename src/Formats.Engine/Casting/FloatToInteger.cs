using System.Numerics;

namespace Formats.Casting;

/// <summary>
/// Float to integer as NumPy's C casts compile on x86-64: truncation toward zero. Where C leaves the result
/// undefined (NaN, infinity, a truncation outside the target's range) this is the documented choice, x86-64's
/// instructions: targets of up to 32 bits (except <c>u4</c>) take a 32-bit conversion (<c>cvttsd2si</c>, which
/// gives <c>int.MinValue</c> for NaN and anything outside <c>int</c>) and keep its low bits; <c>i8</c> and
/// <c>u4</c> take the 64-bit one (<c>long.MinValue</c> outside <c>long</c>); <c>u8</c> converts values below 2^63
/// (and NaN) as <c>i8</c> and larger ones as <c>x - 2^63</c> with the top bit set. So <c>300.0</c> to <c>u1</c> is
/// 44 and <c>-1.0</c> to <c>u8</c> is 2^64 - 1, as in NumPy; NaN to <c>i4</c> or <c>i8</c> is the minimum.
/// </summary>
internal static class FloatToInteger
{
    private const double TwoTo31 = 2147483648.0;
    private const double TwoTo63 = 9223372036854775808.0;

    public static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        if (typeof(TTo) == typeof(ulong))
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = TTo.CreateTruncating(ToUInt64(double.CreateTruncating(source[i])));
            }
        }
        else if (typeof(TTo) == typeof(long) || typeof(TTo) == typeof(uint))
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = TTo.CreateTruncating(ToInt64(double.CreateTruncating(source[i])));
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = TTo.CreateTruncating(ToInt32(double.CreateTruncating(source[i])));
            }
        }
    }

    /// <summary><c>cvttsd2si</c> to 32 bits: the truncation, or <c>int.MinValue</c> when it does not fit (NaN included).</summary>
    public static int ToInt32(double value) => value > -TwoTo31 - 1 && value < TwoTo31 ? (int)value : int.MinValue;

    /// <summary><c>cvttsd2si</c> to 64 bits: the truncation, or <c>long.MinValue</c> when it does not fit (NaN included).</summary>
    public static long ToInt64(double value) => value >= -TwoTo63 && value < TwoTo63 ? (long)value : long.MinValue;

    /// <summary>What GCC emits for <c>(uint64_t)x</c> on x86-64 without AVX-512.</summary>
    public static ulong ToUInt64(double value) =>
        value >= TwoTo63 ? (ulong)ToInt64(value - TwoTo63) ^ 0x8000_0000_0000_0000UL : (ulong)ToInt64(value);
}
