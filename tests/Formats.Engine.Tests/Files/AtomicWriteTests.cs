using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>A failed or cancelled write leaves no partial file and an existing output untouched.</summary>
public sealed class AtomicWriteTests
{
    [Fact]
    public async Task TruncatedSourceLeavesExistingOutputIntact()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var big = NDArray.FromValues<long>([.. Enumerable.Range(0, 10_000).Select(i => (long)i)]))
        {
            files.Write(dir.File("big.npy"), big);
        }

        var bytes = File.ReadAllBytes(dir.File("big.npy"));
        File.WriteAllBytes(dir.File("cut.npy"), bytes[..(bytes.Length / 2)]);
        File.WriteAllBytes(dir.File("out.npy"), [1, 2, 3]);

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.ConvertAsync(dir.File("cut.npy"), dir.File("out.npy")));
        Assert.StartsWith(dir.File("cut.npy") + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(dir.File("out.npy")));
        Assert.Equal(["big.npy", "cut.npy", "out.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task CancelledConversionLeavesNothing()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var array = NDArray.FromValues<float>(new float[1 << 20]))
        {
            files.Write(dir.File("in.npy"), array);
        }

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        var progress = new InlineProgress(_ =>
        {
            if (++seen == 1)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => files.ConvertAsync(dir.File("in.npy"), dir.File("out.npy"), progress: progress, cancellationToken: cancel.Token));
        Assert.Equal(["in.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SuccessfulWriteReplacesTheTarget()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("out.npy"), "old contents");
        using var array = NDArray.FromValues<short>([7, 8]);
        TestServices.Files().Write(dir.File("out.npy"), array);
        using var read = TestServices.Files().Read(dir.File("out.npy"));
        Assert.Equal([(short)7, 8], read.ToArray<short>());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task ProgressReportsEveryByte()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var array = NDArray.FromValues<double>(new double[3_000_000]))
        {
            files.Write(dir.File("in.npy"), array);
        }

        var reports = new List<ArrayProgress>();
        var result = await files.ConvertAsync(dir.File("in.npy"), dir.File("out.dat"), progress: new InlineProgress(reports.Add));
        Assert.Equal(24_000_000, result.DataBytes);
        Assert.Equal(24_000_000, reports[^1].BytesDone);
        Assert.All(reports, r => Assert.Equal(24_000_000, r.BytesTotal));
        Assert.True(reports.Count > 1);
        Assert.Equal(24_000_000, new FileInfo(dir.File("out.dat")).Length);
    }

    private sealed class InlineProgress(Action<ArrayProgress> report) : IProgress<ArrayProgress>
    {
        public void Report(ArrayProgress value) => report(value);
    }
}
