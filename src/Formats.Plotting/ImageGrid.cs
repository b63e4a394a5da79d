namespace Formats.Plotting;

/// <summary>
/// The heatmap of a 2-D array built in the one pass: rows along x, channels along y, reduced to at most one cell per
/// pixel each way. A cell holding several values shows the largest (so a single spike stays visible), and the colour
/// scale spans the smallest and largest value of the whole array. NaN and infinities are counted, not coloured.
/// </summary>
internal sealed class ImageGrid : IChannelSink
{
    private readonly double[,] cells;

    /// <summary>A grid for <paramref name="channels"/> channels of <paramref name="rows"/> rows in a plot area of the given pixels.</summary>
    public ImageGrid(int channels, long rows, int widthPixels, int heightPixels)
    {
        Columns = PixelBins.For(rows, widthPixels);
        ChannelBins = PixelBins.For(channels, heightPixels);
        cells = new double[ChannelBins.Count, Columns.Count];
        for (var y = 0; y < ChannelBins.Count; y++)
        {
            for (var x = 0; x < Columns.Count; x++)
            {
                cells[y, x] = double.NaN;
            }
        }
    }

    /// <summary>How rows map to cells along x.</summary>
    public PixelBins Columns { get; }

    /// <summary>How channels map to cells along y.</summary>
    public PixelBins ChannelBins { get; }

    /// <summary>True when some cell stands for more than one value.</summary>
    public bool IsReduced => Columns.Count < Columns.Rows || ChannelBins.Count < ChannelBins.Rows;

    /// <summary>The smallest finite value seen.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest finite value seen.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>NaN and infinite values seen (not coloured).</summary>
    public long NonFinite { get; private set; }

    /// <summary>The cells, [channel cell, row cell]; NaN where no finite value fell.</summary>
    public double[,] Cells => cells;

    /// <summary>
    /// The cells merged further, by the same largest-value rule, to at most <paramref name="columns"/> ×
    /// <paramref name="rows"/>: the pixels the plot area really has, so that scaling the image never skips a cell.
    /// </summary>
    public double[,] Fit(int columns, int rows)
    {
        var xs = PixelBins.For(Columns.Count, columns);
        var ys = PixelBins.For(ChannelBins.Count, rows);
        if (xs.Count == Columns.Count && ys.Count == ChannelBins.Count)
        {
            return cells;
        }

        var fitted = new double[ys.Count, xs.Count];
        for (var y = 0; y < ys.Count; y++)
        {
            for (var x = 0; x < xs.Count; x++)
            {
                fitted[y, x] = double.NaN;
            }
        }

        for (var y = 0; y < ChannelBins.Count; y++)
        {
            var fy = ys.Of(y);
            for (var x = 0; x < Columns.Count; x++)
            {
                var v = cells[y, x];
                ref var cell = ref fitted[fy, xs.Of(x)];
                if (!double.IsNaN(v) && (double.IsNaN(cell) || v > cell))
                {
                    cell = v;
                }
            }
        }

        return fitted;
    }

    /// <inheritdoc />
    public void Accept(int channel, long row, ReadOnlySpan<double> values)
    {
        var y = ChannelBins.Of(channel);
        double min = Min, max = Max;
        for (var i = 0; i < values.Length;)
        {
            var x = Columns.Of(row + i);
            var end = (int)Math.Min(values.Length, Columns.Start(x + 1) - row);
            var cell = cells[y, x];
            for (; i < end; i++)
            {
                var v = values[i];
                if (!double.IsFinite(v))
                {
                    NonFinite++;
                    continue;
                }

                min = Math.Min(min, v);
                max = Math.Max(max, v);
                cell = double.IsNaN(cell) ? v : Math.Max(cell, v);
            }

            cells[y, x] = cell;
        }

        Min = min;
        Max = max;
    }
}
