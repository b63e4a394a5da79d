namespace Formats;

/// <summary>
/// NumPy's <c>casting</c> argument (<c>np.can_cast(from, to, casting)</c>, <c>x.astype(dtype, casting=...)</c>):
/// which dtype changes a cast may make, judged on the dtypes alone, never on the values.
/// </summary>
public enum CastingRule
{
    /// <summary>Only the identical dtype, byte order included (<c>'no'</c>).</summary>
    No,

    /// <summary>The same dtype in either byte order (<c>'equiv'</c>).</summary>
    Equiv,

    /// <summary>Only casts that keep every possible value, e.g. <c>u1</c> to <c>i2</c>, <c>i4</c> to <c>f8</c> (<c>'safe'</c>).</summary>
    Safe,

    /// <summary>Safe casts, or casts within a kind or to a later one in bool, unsigned, signed, float, complex, e.g. <c>f8</c> to <c>f4</c> (<c>'same_kind'</c>).</summary>
    SameKind,

    /// <summary>Any cast (<c>'unsafe'</c>, the default of NumPy's <c>astype</c>).</summary>
    Unsafe,
}
