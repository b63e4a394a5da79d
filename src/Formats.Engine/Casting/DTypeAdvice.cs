namespace Formats;

/// <summary>
/// The narrowest dtype that holds every value of an array exactly (<see cref="ArrayFiles.AdviseAsync(string, ReadRequest?, CancellationToken)"/>): casting to
/// it and back gives equal numbers (NaN stays NaN, <c>-0.0</c> may become <c>0</c>). The candidates, narrowest first:
/// <c>u1</c>, <c>i1</c>, <c>u2</c>, <c>i2</c>, <c>f2</c>, <c>u4</c>, <c>i4</c>, <c>f4</c>, <c>u8</c>, <c>i8</c>,
/// <c>f8</c>, <c>c8</c>, <c>c16</c>; the first that holds every value wins, except that the array's own dtype wins
/// among those of the same width. Integer arrays get integer dtypes (a range check); float arrays whose values are all
/// finite and integral get the integer dtype their range fits, otherwise the narrowest float every value survives;
/// complex arrays with all imaginary parts zero are judged on their real parts. Bool arrays, empty arrays and
/// non-numeric ones keep their dtype.
/// </summary>
/// <param name="Name">The member name (archives), or empty for a single-array file.</param>
/// <param name="Header">The array's header as stored.</param>
/// <param name="Narrowest">The advised dtype, in the array's byte order; null for arrays that are not numeric.</param>
public sealed record DTypeAdvice(string Name, ArrayHeader Header, DType? Narrowest)
{
    /// <summary>True when the advised dtype is narrower than the stored one.</summary>
    public bool IsNarrower => Narrowest is { } d && d.ItemSize < Header.DType.ItemSize;
}
