namespace Formats;

/// <summary>
/// Converts every array of a write to another numeric dtype, as <c>x.astype(Target, casting=Casting)</c> does, chunk
/// by chunk while streaming: bool, <c>i1</c>-<c>i8</c>, <c>u1</c>-<c>u8</c>, <c>f2</c>, <c>f4</c>, <c>f8</c>, <c>c8</c>
/// and <c>c16</c>, in either byte order. Values are NumPy's: floats truncate toward zero, integers wrap around (two's
/// complement), complex to real keeps the real part, anything to bool is "nonzero". Where C leaves NumPy's result
/// undefined (NaN, infinity, or a float whose truncation is outside the target's range, cast to an integer), the
/// result is what x86-64 code gives: a 32-bit conversion for <c>i1</c>, <c>i2</c>, <c>i4</c>, <c>u1</c>, <c>u2</c>
/// and a 64-bit one for <c>i8</c>, <c>u4</c>, each giving the "integer indefinite" (the minimum) and then wrapping;
/// for <c>u8</c> values from 2^63 up convert as <c>x - 2^63</c> with the top bit set. Use <see cref="CheckRange"/>
/// to refuse such values instead.
/// </summary>
/// <param name="Target">The dtype to write; its byte order is the one written.</param>
public sealed record CastRequest(DType Target)
{
    /// <summary>Which dtype changes are allowed (NumPy's <c>casting</c>); <see cref="CastingRule.Unsafe"/> as <c>astype</c>.</summary>
    public CastingRule Casting { get; init; } = CastingRule.Unsafe;

    /// <summary>
    /// Refuse the whole write, with an <see cref="ArrayCastException"/> naming the input file, the first flat index
    /// (C order) and its value, when any element's value would change (NaN stays NaN and <c>-0.0</c> equals <c>0</c>).
    /// No output file is left behind.
    /// </summary>
    public bool CheckRange { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $" cast to {Target}" + (Casting == CastingRule.Unsafe ? "" : $" ({CastRules.Name(Casting)})") + (CheckRange ? " checked" : "");
}
