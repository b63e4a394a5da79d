using System.Numerics;
using System.Runtime.InteropServices;

namespace Formats.Statistics;

/// <summary>
/// Count, NaN count, range, mean and sum of squared deviations of some values, in float64. Values come in blocks of at
/// most a few thousand: each block's mean and squared deviations are taken in two passes over it (exact up to rounding
/// even on data with a large offset, such as 1e6 + noise), and blocks merge by Chan et al.'s pairwise formula, so the
/// error stays near that of NumPy's pairwise summation whatever the length, and parts scanned in parallel merge too.
/// Both passes run in SIMD vectors, one partial sum per lane.
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
        var (count, sum, min, max) = Sums(values);
        NaNs += values.Length - count;
        if (count == 0)
        {
            return;
        }

        var mean = sum / count;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Merge(count, mean, SquaredDeviations(values, mean));
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

    // The first pass, in vectors: a lane that is NaN (not equal to itself) adds nothing and is not counted.
    private static (long Count, double Sum, double Min, double Max) Sums(ReadOnlySpan<double> values)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        var counts = Vector<long>.Zero;
        var sums = Vector<double>.Zero;
        var mins = new Vector<double>(double.PositiveInfinity);
        var maxs = new Vector<double>(double.NegativeInfinity);
        foreach (var v in vectors)
        {
            var number = Vector.Equals(v, v);
            counts -= number;
            sums += Vector.ConditionalSelect(number, v, Vector<double>.Zero);
            mins = Vector.Min(mins, Vector.ConditionalSelect(number, v, new Vector<double>(double.PositiveInfinity)));
            maxs = Vector.Max(maxs, Vector.ConditionalSelect(number, v, new Vector<double>(double.NegativeInfinity)));
        }

        long count = Vector.Sum(counts);
        double sum = Vector.Sum(sums), min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < Vector<double>.Count; i++)
        {
            min = Math.Min(min, mins[i]);
            max = Math.Max(max, maxs[i]);
        }

        foreach (var v in values[(vectors.Length * Vector<double>.Count)..])
        {
            if (!double.IsNaN(v))
            {
                count++;
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return (count, sum, min, max);
    }

    private static double SquaredDeviations(ReadOnlySpan<double> values, double mean)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        var means = new Vector<double>(mean);
        var sums = Vector<double>.Zero;
        foreach (var v in vectors)
        {
            var d = Vector.ConditionalSelect(Vector.Equals(v, v), v - means, Vector<double>.Zero);
            sums += d * d;
        }

        var m2 = Vector.Sum(sums);
        foreach (var v in values[(vectors.Length * Vector<double>.Count)..])
        {
            if (!double.IsNaN(v))
            {
                m2 += (v - mean) * (v - mean);
            }
        }

        return m2;
    }
}
