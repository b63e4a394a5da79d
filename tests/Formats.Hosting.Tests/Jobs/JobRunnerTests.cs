namespace Formats.Hosting.Tests.Jobs;

/// <summary>The one converter pool: threads of its own, never more items at once than asked, failures where the caller looks.</summary>
public sealed class JobRunnerTests
{
    [Fact]
    public async Task ItemsRunOnItsOwnThreadsNeverMoreAtOnceThanItsParallelism()
    {
        var running = 0;
        var most = 0;
        var threads = new System.Collections.Concurrent.ConcurrentBag<(string? Name, bool Pooled)>();
        await JobRunner.ForEachAsync(Enumerable.Range(0, 200), 3, _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            Thread.SpinWait(20_000);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None, "test runner");

        Assert.InRange(most, 1, 3);
        Assert.Equal(200, threads.Count);
        Assert.All(threads, t => Assert.False(t.Pooled));
        Assert.All(threads, t => Assert.StartsWith("test runner ", t.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnItemsExceptionEndsItsOwnTaskAndTheOthersRun()
    {
        var runner = new JobRunner(2);
        var bad = await runner.EnqueueAsync<int>(() => throw new IOException("disk full"), CancellationToken.None);
        var good = await runner.EnqueueAsync(() => 42, CancellationToken.None);
        await runner.CompleteAsync();

        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => bad)).Message);
        Assert.Equal(42, await good);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await runner.EnqueueAsync(() => 1, CancellationToken.None));
    }

    [Fact]
    public async Task ForEachRethrowsTheFirstFailureAfterEveryItemRan()
    {
        var ran = 0;
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => JobRunner.ForEachAsync(Enumerable.Range(0, 10), 2, i =>
        {
            Interlocked.Increment(ref ran);
            if (i == 3)
            {
                throw new InvalidDataException("item 3");
            }
        }, CancellationToken.None));

        Assert.Equal("item 3", e.Message);
        Assert.Equal(10, ran);
    }

    [Fact]
    public async Task CancellingStopsTakingItems()
    {
        using var cancel = new CancellationTokenSource();
        var ran = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => JobRunner.ForEachAsync(Enumerable.Range(0, 1000), 1, i =>
        {
            if (Interlocked.Increment(ref ran) == 5)
            {
                cancel.Cancel();
            }
        }, cancel.Token));

        Assert.InRange(ran, 5, 7); // the one in flight, and at most one queued behind it that was already taken
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
