namespace Formats.Plotting;

/// <summary>
/// Lines for each channel, built in the one pass: every sample when there are few rows, else the smallest and
/// largest finite value of each pixel column's rows (a min/max envelope: a single spike still reaches its pixel).
/// Memory is two doubles per pixel column per channel, whatever the row count. NaN and infinities cannot be drawn
/// on a line; they are counted and the plot says how many.
/// </summary>
internal sealed class LineEnvelope : IChannelSink
{
    private readonly double[][] low;
    private readonly double[][] high;
    private readonly double[][]? exact;

    /// <summary>A sink for <paramref name="channels"/> channels of <paramref name="rows"/> rows drawn <paramref name="pixels"/> pixels wide.</summary>
    public LineEnvelope(int channels, long rows, int pixels)
    {
        Rows = rows;
        Bins = PixelBins.For(rows, pixels);

        // Up to two samples per pixel the line is drawn exactly; past that an envelope shows the same picture.
        if (rows <= 2L * pixels)
        {
            exact = [.. Enumerable.Range(0, channels).Select(_ => new double[rows])];
            low = high = [];
        }
        else
        {
            low = [.. Enumerable.Range(0, channels).Select(_ => Filled(Bins.Count, double.PositiveInfinity))];
            high = [.. Enumerable.Range(0, channels).Select(_ => Filled(Bins.Count, double.NegativeInfinity))];
        }
    }

    /// <summary>Rows drawn.</summary>
    public long Rows { get; }

    /// <summary>The pixel columns rows are reduced to.</summary>
    public PixelBins Bins { get; }

    /// <summary>True when each pixel column shows the range of several rows rather than each sample.</summary>
    public bool IsEnvelope => exact is null;

    /// <summary>NaN and infinite values seen (not drawn).</summary>
    public long NonFinite { get; private set; }

    /// <inheritdoc />
    public void Accept(int channel, long row, ReadOnlySpan<double> values)
    {
        if (exact is not null)
        {
            values.CopyTo(exact[channel].AsSpan((int)row));
            foreach (var v in values)
            {
                if (!double.IsFinite(v))
                {
                    NonFinite++;
                }
            }

            return;
        }

        var lows = low[channel];
        var highs = high[channel];
        var skipped = 0L;
        for (var i = 0; i < values.Length;)
        {
            var bin = Bins.Of(row + i);
            var end = (int)Math.Min(values.Length, Bins.Start(bin + 1) - row);
            var lo = lows[bin];
            var hi = highs[bin];
            for (; i < end; i++)
            {
                var v = values[i];
                if (!double.IsFinite(v))
                {
                    skipped++;
                    continue;
                }

                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            lows[bin] = lo;
            highs[bin] = hi;
        }

        NonFinite += skipped;
    }

    /// <summary>
    /// The pieces of <paramref name="channel"/>'s line, x being the row number plus <paramref name="firstRow"/>: each
    /// sample, or per pixel column its low and high (in the order that keeps the line short), at the column's middle
    /// row. The line breaks where a value is NaN or infinite (a pixel column with no finite value), as matplotlib's
    /// does: joining its neighbours would draw values the array does not hold.
    /// </summary>
    public IReadOnlyList<(double[] Xs, double[] Ys)> Segments(int channel, long firstRow)
    {
        var segments = new List<(double[] Xs, double[] Ys)>();
        var xs = new List<double>();
        var ys = new List<double>();
        void Break()
        {
            if (xs.Count > 0)
            {
                segments.Add(([.. xs], [.. ys]));
                xs.Clear();
                ys.Clear();
            }
        }

        if (exact is not null)
        {
            var values = exact[channel];
            for (var r = 0; r < values.Length; r++)
            {
                if (!double.IsFinite(values[r]))
                {
                    Break();
                    continue;
                }

                xs.Add(firstRow + r);
                ys.Add(values[r]);
            }

            Break();
            return segments;
        }

        var lows = low[channel];
        var highs = high[channel];
        var rising = true;
        for (var b = 0; b < Bins.Count; b++)
        {
            if (lows[b] > highs[b])
            {
                Break(); // only NaN or infinities in this column
                continue;
            }

            var x = firstRow + Bins.Centre(b);
            xs.Add(x);
            xs.Add(x);
            ys.Add(rising ? lows[b] : highs[b]);
            ys.Add(rising ? highs[b] : lows[b]);
            rising = !rising;
        }

        Break();
        return segments;
    }

    private static double[] Filled(int length, double value)
    {
        var a = new double[length];
        Array.Fill(a, value);
        return a;
    }
}
