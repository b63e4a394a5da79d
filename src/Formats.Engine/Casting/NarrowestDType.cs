namespace Formats.Casting;

/// <summary>
/// The narrowest dtype holding every value of an array exactly, from its <see cref="ValueStats"/>; the ladder is
/// documented on <see cref="DTypeAdvice"/>.
/// </summary>
internal static class NarrowestDType
{
    private static readonly NumericType[] Ladder =
    [
        NumericType.UInt8, NumericType.Int8, NumericType.UInt16, NumericType.Int16, NumericType.Float16,
        NumericType.UInt32, NumericType.Int32, NumericType.Float32, NumericType.UInt64, NumericType.Int64, NumericType.Float64,
        NumericType.Complex64, NumericType.Complex128,
    ];

    public static DType Choose(DType current, ValueStats stats)
    {
        var type = NumericTypes.Of(current) ?? throw new ArgumentException($"{current} is not numeric", nameof(current));
        if (type == NumericType.Bool || stats.Count == 0)
        {
            return current;
        }

        var first = Ladder.First(candidate => Holds(candidate, type, stats));

        // Among equally narrow dtypes the array's own wins: no cast for nothing.
        return first.Size() == type.Size() && Holds(type, type, stats) ? current : first.ToDType();
    }

    private static bool Holds(NumericType candidate, NumericType source, ValueStats s)
    {
        if (candidate == source)
        {
            return true;
        }

        if (source.IsInteger())
        {
            // Integers stay integers: a float of the same width holds fewer of them.
            return candidate.IsInteger() && (source.IsSigned()
                ? s.SMin >= Min(candidate) && (s.SMax < 0 || (ulong)s.SMax <= Max(candidate))
                : s.UMax <= Max(candidate));
        }

        var realOnly = !source.IsComplex() || s.ImaginaryZero;
        if (candidate.IsInteger())
        {
            // [FMin, FMax] within [min, max + 1): the bounds are powers of two, exact as doubles.
            return realOnly && s.Integral && s.FMin >= Min(candidate) && s.FMax < (double)Max(candidate) + 1;
        }

        return candidate switch
        {
            NumericType.Float16 => realOnly && s.FitsHalf,
            NumericType.Float32 => realOnly && s.FitsSingle,
            NumericType.Float64 => realOnly,
            NumericType.Complex64 => s.FitsSingle,
            _ => true,
        };
    }

    private static long Min(NumericType t) => t switch
    {
        NumericType.Int8 => sbyte.MinValue,
        NumericType.Int16 => short.MinValue,
        NumericType.Int32 => int.MinValue,
        NumericType.Int64 => long.MinValue,
        _ => 0,
    };

    private static ulong Max(NumericType t) => t switch
    {
        NumericType.Int8 => (ulong)sbyte.MaxValue,
        NumericType.Int16 => (ulong)short.MaxValue,
        NumericType.Int32 => int.MaxValue,
        NumericType.Int64 => long.MaxValue,
        NumericType.UInt8 => byte.MaxValue,
        NumericType.UInt16 => ushort.MaxValue,
        NumericType.UInt32 => uint.MaxValue,
        _ => ulong.MaxValue,
    };
}
