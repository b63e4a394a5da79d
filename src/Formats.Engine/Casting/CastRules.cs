using Formats.Casting;

namespace Formats;

/// <summary>NumPy's type-based casting rules (<c>np.can_cast(from, to, casting)</c>) for the numeric dtypes.</summary>
public static class CastRules
{
    /// <summary>
    /// True when <paramref name="casting"/> allows casting <paramref name="from"/> to <paramref name="to"/>, as
    /// <c>np.can_cast(from, to, casting)</c> answers for bool, integer, float and complex dtypes in either byte order.
    /// </summary>
    /// <exception cref="ArgumentException">A dtype is not one of the numeric dtypes a cast handles.</exception>
    public static bool CanCast(DType from, DType to, CastingRule casting)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var f = NumericTypes.Of(from) ?? throw new ArgumentException($"{from} is not a numeric dtype", nameof(from));
        var t = NumericTypes.Of(to) ?? throw new ArgumentException($"{to} is not a numeric dtype", nameof(to));
        return casting switch
        {
            CastingRule.No => f == t && (from.ByteOrder == to.ByteOrder || f.Size() == 1),
            CastingRule.Equiv => f == t,
            CastingRule.Safe => IsSafe(f, t),
            CastingRule.SameKind => IsSafe(f, t) || f.KindOrder() <= t.KindOrder(),
            _ => true,
        };
    }

    /// <summary>NumPy's spelling of <paramref name="casting"/>: <c>no</c>, <c>equiv</c>, <c>safe</c>, <c>same_kind</c>, <c>unsafe</c>.</summary>
    public static string Name(CastingRule casting) => casting switch
    {
        CastingRule.No => "no",
        CastingRule.Equiv => "equiv",
        CastingRule.Safe => "safe",
        CastingRule.SameKind => "same_kind",
        _ => "unsafe",
    };

    // Safe: every value of the source is a value of the target. Floats hold integers up to their significand
    // (f2: 11 bits, f4: 24, f8: 53), but NumPy counts i8 and u8 to f8 as safe.
    private static bool IsSafe(NumericType f, NumericType t)
    {
        if (f == t || f == NumericType.Bool)
        {
            return true;
        }

        var fs = f.Size();
        var ts = t.Size();
        if (f.IsUnsigned())
        {
            return (t.IsUnsigned() && ts >= fs) || (t.IsSigned() && ts > fs) || FloatHolds(t, fs);
        }

        if (f.IsSigned())
        {
            return (t.IsSigned() && ts >= fs) || FloatHolds(t, fs);
        }

        if (f.IsFloat())
        {
            return (t.IsFloat() && ts >= fs) || (t.IsComplex() && ts >= 2 * fs);
        }

        return t.IsComplex() && ts >= fs;
    }

    // The float (or complex, per component) that NumPy deems safe for an integer of intBytes bytes.
    private static bool FloatHolds(NumericType t, int intBytes)
    {
        var component = t.IsFloat() ? t.Size() : t.IsComplex() ? t.Size() / 2 : 0;
        return component switch
        {
            2 => intBytes == 1,
            4 => intBytes <= 2,
            8 => true,
            _ => false,
        };
    }
}
