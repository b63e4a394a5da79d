namespace Formats;

/// <summary>
/// Summary statistics of the values of an array or of one column, as NumPy's NaN-ignoring reductions give them for
/// the values as float64 (<c>np.nanmin</c>, <c>np.nanmax</c>, <c>np.nanmean</c> and <c>np.nanstd</c> of
/// <c>a.astype(np.float64)</c>): computed in one pass with float64 accumulation. NumPy's own <c>np.nanmean</c> of a
/// float32 array sums in float32, and even <c>np.nanstd(a, dtype=np.float64)</c> keeps the deviations in float32, so
/// both may differ from these in the 8th or 9th digit. Bools count as 0 and 1. When no value is counted (empty, or
/// all NaN) min, max, mean and std are NaN, as NumPy gives them (with a warning).
/// </summary>
/// <param name="Count">The values counted: all elements but the NaNs.</param>
/// <param name="NaNCount">The NaN elements (always 0 for integer and bool arrays).</param>
/// <param name="Min">The smallest value (for integers beyond 2^53 the nearest double: see <paramref name="IntegerMin"/>).</param>
/// <param name="Max">The largest value (for integers beyond 2^53 the nearest double: see <paramref name="IntegerMax"/>).</param>
/// <param name="Mean">The mean of the counted values.</param>
/// <param name="Std">The population standard deviation (<c>ddof=0</c>, as <c>np.std</c>) of the counted values.</param>
/// <param name="IntegerMin">The exact smallest value of an integer or bool array (null for floats, or when nothing is counted).</param>
/// <param name="IntegerMax">The exact largest value of an integer or bool array (null for floats, or when nothing is counted).</param>
public sealed record ArrayStatistics(long Count, long NaNCount, double Min, double Max, double Mean, double Std, Int128? IntegerMin = null, Int128? IntegerMax = null);
