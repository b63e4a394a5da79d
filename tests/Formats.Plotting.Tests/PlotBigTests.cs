using Formats.Testing;

namespace Formats.Plotting.Tests;

/// <summary>Plotting an array larger than a gigabyte: one streaming pass, memory bounded by the chunk, not the array.</summary>
public sealed class PlotBigTests
{
    private const long Rows = 80_000_000; // × 4 float32 columns = 1.19 GiB
    private const long SpikeRow = 53_333_333;

    [BigFact]
    public async Task ArrayOverAGigabytePlotsInBoundedMemoryWithItsOneSpike()
    {
        using var dir = new TempDir();

        // open_memmap writes the header and leaves the data sparse: a large file made in a moment.
        NumPy.Run($"""
            m = np.lib.format.open_memmap('big.npy', mode='w+', dtype='<f4', shape=({Rows}, 4))
            m[{SpikeRow}, 2] = 5
            m[-1, :] = 1
            m.flush()
            """, dir.Path);
        Assert.True(new FileInfo(dir.File("big.npy")).Length > 1L << 30);

        var files = TestServices.Files();
        var options = new PlotOptions { Kind = PlotKind.Lines, Width = 1000, Height = 500 };

        // What ArrayPlotter.PlotToFileAsync does, its synchronous steps on this thread so that this thread's allocations
        // are theirs (other tests run in parallel in this process). The read-ahead task only fills buffers rented here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var content = PlotScan.Scan(files, dir.File("big.npy"), ReadRequest.Default, options, CancellationToken.None);
        var picture = PlotRendering.Render(content, options, PlotImageFormat.Png);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await PlotOutputFile.WriteAsync(dir.File("big.png"), picture, CancellationToken.None);

        // Chunks, the envelope (2 doubles × 1000 columns × 4 channels) and the picture: tens of megabytes at most.
        Assert.True(allocated < 96L << 20, $"{allocated >> 20} MiB allocated to plot a {new FileInfo(dir.File("big.npy")).Length >> 20} MiB array");
        Assert.Equal($"min/max envelope of all {Rows} rows in 1000 pixel columns", content.Note);

        // The one non-zero sample of channel 2 (third colour) stands at its pixel column.
        using var bitmap = PlotPixels.Decode(dir.File("big.png"));
        var (left, right) = PlotPixels.Area(bitmap);
        var (top, _) = PlotPixels.Extents(bitmap, c => PlotPixels.IsShadeOf(c, PlotPixels.Palette[2]));
        var highest = Enumerable.Range(0, bitmap.Width).Where(x => top[x] >= 0).MinBy(x => top[x]);
        var expected = left + ((SpikeRow - (Rows / 2000.0)) / (Rows * 0.999) * (right - left));
        Assert.InRange(highest, expected - 3, expected + 3);
    }
}
