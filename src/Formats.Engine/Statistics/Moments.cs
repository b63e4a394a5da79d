namespace Formats.Statistics;

/// <summary>
/// Count, NaN count, range, mean and sum of squared deviations of some values, in float64. Values come in blocks of at
/// most a few thousand: each block's mean and squared deviations are taken in two passes over it (exact up to rounding
/// even on data with a large offset, such as 1e6 + noise), and blocks merge by Chan et al.'s pairwise formula, so the
/// error stays near that of NumPy's pairwise summation whatever the length, and parts scanned in parallel merge too.
/// </summary>
internal sealed class Moments
{
    public long Count { get; private set; }

    public long NaNs { get; private set; }

    public double Mean { get; private set; }

    public double M2 { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    // Integer and bool sources: the exact range (doubles lose integers beyond 2^53).
    public Int128 IntegerMin { get; private set; } = Int128.MaxValue;

    public Int128 IntegerMax { get; private set; } = Int128.MinValue;

    /// <summary>Adds a block of values (NaNs are counted apart).</summary>
    public void AddBlock(ReadOnlySpan<double> values)
    {
        long count = 0, nans = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                nans++;
                continue;
            }

            count++;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        NaNs += nans;
        if (count == 0)
        {
            return;
        }

        var mean = sum / count;
        double m2 = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                var d = v - mean;
                m2 += d * d;
            }
        }

        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Merge(count, mean, m2);
    }

    public void AddIntegerRange(Int128 min, Int128 max)
    {
        IntegerMin = Int128.Min(IntegerMin, min);
        IntegerMax = Int128.Max(IntegerMax, max);
    }

    public void Merge(Moments other)
    {
        NaNs += other.NaNs;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        AddIntegerRange(other.IntegerMin, other.IntegerMax);
        Merge(other.Count, other.Mean, other.M2);
    }

    public ArrayStatistics ToStatistics(bool integer)
    {
        if (Count == 0)
        {
            return new ArrayStatistics(0, NaNs, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new ArrayStatistics(Count, NaNs, Min, Max, Mean, Math.Sqrt(M2 / Count),
            integer ? IntegerMin : null, integer ? IntegerMax : null);
    }

    private void Merge(long count, double mean, double m2)
    {
        if (count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            (Count, Mean, M2) = (count, mean, m2);
            return;
        }

        var total = Count + count;
        if (!double.IsFinite(Mean) || !double.IsFinite(mean))
        {
            // An infinity: the weighted sum gives NumPy's mean (inf, or NaN for inf and -inf); the deviation is NaN.
            (Count, Mean, M2) = (total, (Mean * Count / total) + (mean * count / total), double.NaN);
            return;
        }

        var delta = mean - Mean;
        Mean += delta * count / total;
        M2 += m2 + (delta * delta * ((double)Count * count / total));
        Count = total;
    }
}
