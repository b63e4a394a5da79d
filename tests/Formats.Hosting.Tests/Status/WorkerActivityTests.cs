using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.Tests.Status;

/// <summary>The record a worker's heartbeat carries: jobs in hand with their progress, totals, the last error.</summary>
public sealed class WorkerActivityTests
{
    [Fact]
    public void JobsInHandShowTheirProgressAndLeaveTheRecordWhenTheyEndEachWayCounted()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        using var activity = new WorkerActivity("queue", clock: clock);
        var a = activity.Begin("/data/a.npy", queuedAt: clock.GetUtcNow().AddSeconds(-30));
        var b = activity.Begin("/data/b.npy");
        clock.Advance(TimeSpan.FromSeconds(2));
        a.Report(new ArrayProgress("", 250, 1000));

        var busy = activity.Snapshot("host:1", intervalSeconds: 2);
        Assert.Equal(["/data/a.npy", "/data/b.npy"], busy.Jobs.Select(j => j.Input));
        Assert.Equal((250, 1000, 2.0), (busy.Jobs[0].BytesDone, busy.Jobs[0].BytesTotal, busy.Jobs[0].ElapsedSeconds));
        Assert.Equal((0, 0), (busy.Jobs[1].BytesDone, busy.Jobs[1].BytesTotal)); // not counted yet
        Assert.Equal(30, busy.LastQueueWaitSeconds);
        Assert.Equal(clock.GetUtcNow().AddSeconds(-2), busy.LastTakenAt);
        Assert.Equal(("host:1", "queue", 2.0, false), (busy.Id, busy.Kind, busy.IntervalSeconds, busy.Stopped));

        activity.Finish(a, new JobOutcome("/out/a.npz", 1100, 400, 1000, TimeSpan.FromSeconds(2)));
        activity.Fail(b, "b.npy: no such file", final: false); // returned for a retry: not a failure yet
        var retried = activity.Begin("/data/b.npy");
        activity.Fail(retried, "b.npy: no such file");
        activity.Abandon(activity.Begin("/data/c.npy"));

        var done = activity.Snapshot("host:1", intervalSeconds: 2, stopped: true);
        Assert.Empty(done.Jobs);
        Assert.Equal((1, 1, 1100, 400), (done.Converted, done.Failed, done.BytesRead, done.BytesWritten));
        Assert.Equal("b.npy: no such file", done.LastError);
        Assert.Equal(clock.GetUtcNow(), done.LastErrorAt);
        Assert.True(done.Stopped);
    }

    [Fact]
    public async Task AFolderWorkersActivityCountsWhatItConvertedAndWhyAFileFailed()
    {
        using var dir = new TempDir();
        var options = new FolderWorkerOptions
        {
            Inbox = Directory.CreateDirectory(dir.File("in")).FullName,
            Outbox = Directory.CreateDirectory(dir.File("out")).FullName,
            SettleSeconds = 0,
            Parallel = 1,
            WorkerId = "a",
        };
        var npy = NpyFile.Int32s(4);
        File.WriteAllBytes(dir.File("in/a.npy"), npy);
        File.WriteAllText(dir.File("in/b.npy"), "not an array");
        using var services = new ServiceCollection().AddArrayFormats().BuildServiceProvider();
        using var worker = new FolderWorker(services.GetRequiredService<ArrayFiles>(), Options.Create(options), NullLogger<FolderWorker>.Instance);

        await worker.RunOnceAsync(CancellationToken.None);

        var status = worker.Activity.Snapshot("host:2", 2);
        Assert.Equal("folder", status.Kind);
        Assert.Equal((1, 1, npy.Length), (status.Converted, status.Failed, status.BytesRead));
        Assert.Equal(new FileInfo(dir.File("out/a.npz")).Length, status.BytesWritten);
        Assert.StartsWith("b.npy: not an NPY file", status.LastError, StringComparison.Ordinal);
        Assert.Null(status.LastQueueWaitSeconds);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => now.UtcTicks;

        public void Advance(TimeSpan by) => now += by;
    }
}
