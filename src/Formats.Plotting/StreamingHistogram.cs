namespace Formats.Plotting;

/// <summary>
/// A histogram counted in one pass without knowing the range first: <see cref="FineBins"/> equal bins that double
/// their width (merging pairs) whenever a value falls outside, growing towards that value. Every finite value is
/// counted exactly once; the bins shown are these fine bins merged by a power of two. Whole-number data keeps
/// whole-number bin edges. Groups (one per column, or a single pooled one) share the bins so they can be compared.
/// </summary>
internal sealed class StreamingHistogram : IChannelSink
{
    /// <summary>Fine bins counted; an even number so that doubling keeps edges.</summary>
    public const int FineBins = 4096;

    private readonly long[][] counts;
    private readonly bool whole;
    private readonly bool pooled;
    private double origin;
    private double width;
    private bool started;

    /// <summary>A histogram of <paramref name="channels"/> channels, pooled into one group or one group per channel.</summary>
    public StreamingHistogram(int channels, bool pooled, bool whole)
    {
        this.pooled = pooled;
        this.whole = whole;
        counts = [.. Enumerable.Range(0, pooled ? 1 : channels).Select(_ => new long[FineBins])];
    }

    /// <summary>Number of groups (bars or outlines drawn).</summary>
    public int Groups => counts.Length;

    /// <summary>The smallest finite value seen.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest finite value seen.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Finite values counted.</summary>
    public long Counted { get; private set; }

    /// <summary>NaN and infinite values seen (not counted in any bin).</summary>
    public long NonFinite { get; private set; }

    /// <inheritdoc />
    public void Accept(int channel, long row, ReadOnlySpan<double> values)
    {
        var group = counts[pooled ? 0 : channel];
        if (!started)
        {
            Start(values);
        }

        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                NonFinite++;
                continue;
            }

            var index = Math.Floor((v - origin) / width);
            if (index < 0 || index >= FineBins)
            {
                Grow(v);

                // Rounding can put a value that fits on the edge just past its bin.
                index = Math.Clamp(Math.Floor((v - origin) / width), 0, FineBins - 1);
            }

            group[(int)index]++;
            Counted++;
            Min = Math.Min(Min, v);
            Max = Math.Max(Max, v);
        }
    }

    /// <summary>
    /// The bins to draw, about <paramref name="target"/> of them or fewer: their edges (one more than the bins)
    /// and each group's counts, trimmed to the bins that hold values.
    /// </summary>
    public (double[] Edges, long[][] Counts) Bars(int target)
    {
        if (Counted == 0)
        {
            return ([origin, origin + width], [.. counts.Select(_ => new long[1])]);
        }

        int first = FineBins, last = -1;
        foreach (var group in counts)
        {
            for (var i = 0; i < FineBins; i++)
            {
                if (group[i] != 0)
                {
                    first = Math.Min(first, i);
                    last = Math.Max(last, i);
                }
            }
        }

        var merge = 1;
        while ((last / merge) - (first / merge) + 1 > target)
        {
            merge *= 2;
        }

        var from = first / merge;
        var bins = (last / merge) - from + 1;
        var edges = new double[bins + 1];
        for (var b = 0; b <= bins; b++)
        {
            edges[b] = origin + ((double)(from + b) * merge * width);
        }

        var merged = new long[counts.Length][];
        for (var g = 0; g < counts.Length; g++)
        {
            merged[g] = new long[bins];
            for (var i = first; i <= last; i++)
            {
                merged[g][(i / merge) - from] += counts[g][i];
            }
        }

        return (edges, merged);
    }

    // The first values set the scale: their span over the fine bins (whole numbers: width 1 on an integer origin).
    private void Start(ReadOnlySpan<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        if (lo > hi)
        {
            return; // nothing finite yet
        }

        started = true;
        if (whole)
        {
            origin = Math.Floor(lo);
            width = 1;
        }
        else
        {
            origin = lo;
            var span = hi - lo;
            width = span > 0 && double.IsFinite(span) ? span * (1 + 1e-9) / FineBins
                : Math.Max(Math.Abs(lo) * 1e-9, double.Epsilon * FineBins);
        }
    }

    // Doubles the bin width until v fits, keeping the covered range in the half towards which it grows.
    private void Grow(double v)
    {
        while (v < origin || v >= origin + (width * FineBins))
        {
            if (double.IsInfinity(width * FineBins * 2))
            {
                throw new UnsupportedArrayException("the values span more than a double can hold; a histogram cannot bin them");
            }

            var downwards = v < origin;
            foreach (var group in counts)
            {
                var merged = new long[FineBins];
                for (var i = 0; i < FineBins; i++)
                {
                    merged[((downwards ? FineBins : 0) + i) / 2] += group[i];
                }

                merged.CopyTo(group, 0);
            }

            if (downwards)
            {
                origin -= width * FineBins;
            }

            width *= 2;
        }
    }
}
