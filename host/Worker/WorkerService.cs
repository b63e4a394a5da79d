using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Host.Worker;

/// <summary>
/// The folder worker: one producer scans the inbox and queues ready files into a bounded channel; <see cref="WorkerOptions.Parallel"/>
/// consumers each claim a file (rename into the work folder), convert it, and move it to done or failed. Files are claimed
/// only when a consumer starts on them, so files waiting in the channel stay in the inbox for other workers.
/// </summary>
internal sealed class WorkerService(
    IOptions<WorkerOptions> options,
    FileConverter converter,
    WorkerMetrics metrics,
    WorkerRun run,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<WorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan OrphanCheckInterval = TimeSpan.FromMinutes(1);

    private readonly WorkerOptions settings = options.Value;
    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource conversions = new();

    private sealed record WorkItem(string Path, bool AlreadyClaimed);

    /// <inheritdoc />
    public override void Dispose()
    {
        conversions.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Logged by the command as one error line; letting it escape would print the host's stack trace instead.
            run.Fatal = e;
        }
        finally
        {
            if (settings.Once || run.Fatal is not null)
            {
                lifetime.StopApplication();
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var claimer = new FileClaimer(settings);
        await claimer.StartAsync(stoppingToken);
        using var scanner = new InboxScanner(settings, clock, watch: !settings.Once);
        using var onStop = stoppingToken.Register(() =>
        {
            WorkerLog.Stopping(logger, inFlight.Count, settings.DrainSeconds);
            conversions.CancelAfter(TimeSpan.FromSeconds(settings.DrainSeconds));
        });

        var channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(settings.Parallel)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Consumers are threads of their own that convert synchronously: a small file takes well under a millisecond,
        // where thread-pool hand-offs at every read and write cost more than the work (bench/README.md, worker load run).
        var consumers = Enumerable.Range(0, settings.Parallel)
            .Select(i => StartConsumer(i, () => Consume(channel.Reader, claimer, scanner, stoppingToken)))
            .ToArray();
        try
        {
            await ProduceAsync(channel.Writer, claimer, scanner, stoppingToken);
        }
        finally
        {
            channel.Writer.TryComplete();
            await Task.WhenAll(consumers);
        }

        WorkerLog.Finished(logger, run.Converted, run.Failed);
    }

    private async Task ProduceAsync(ChannelWriter<WorkItem> writer, FileClaimer claimer, InboxScanner scanner, CancellationToken stoppingToken)
    {
        var recovered = claimer.ClaimedByThisWorker();
        if (recovered.Count > 0)
        {
            WorkerLog.Recovering(logger, recovered.Count);
        }

        foreach (var file in recovered)
        {
            inFlight.TryAdd(Path.GetFileName(file), 0);
            await writer.WriteAsync(new WorkItem(file, AlreadyClaimed: true), stoppingToken);
        }

        ReturnOrphans(claimer);
        var lastOrphanCheck = clock.GetTimestamp();

        // Logged once the leftovers are dealt with: from here on the worker only takes files from the inbox.
        var inbox = Path.GetFullPath(settings.Inbox);
        var outbox = Path.GetFullPath(settings.Outbox);
        WorkerLog.Started(logger, settings.EffectiveWorkerId, inbox, outbox, settings.Parallel, settings.SettleSeconds, settings.Once ? ", once" : "");
        var interval = TimeSpan.FromSeconds(settings.ScanIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetElapsedTime(lastOrphanCheck) >= OrphanCheckInterval)
            {
                ReturnOrphans(claimer);
                lastOrphanCheck = clock.GetTimestamp();
            }

            InboxScan scan;
            try
            {
                scan = scanner.Scan();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WorkerLog.ScanFailed(logger, e.Message);
                await scanner.WaitAsync(interval, stoppingToken);
                continue;
            }

            var queued = 0;
            foreach (var file in scan.Ready)
            {
                if (inFlight.TryAdd(Path.GetFileName(file), 0))
                {
                    await writer.WriteAsync(new WorkItem(file, AlreadyClaimed: false), stoppingToken);
                    queued++;
                }
            }

            if (settings.Once && queued == 0 && scan.Settling == 0 && inFlight.IsEmpty)
            {
                return;
            }

            // While files settle, look again soon enough to take them close to the end of their settle period.
            var wait = scan.Settling > 0 ? TimeSpan.FromSeconds(Math.Clamp(settings.SettleSeconds / 4, 0.05, settings.ScanIntervalSeconds)) : interval;
            await scanner.WaitAsync(wait, stoppingToken);
        }
    }

    private void ReturnOrphans(FileClaimer claimer)
    {
        // A worker killed mid-file left its temporary output (.NAME.*.tmp) in the outbox: its claims' new owner removes
        // it, as a restarted worker does for its own claims, or nobody ever would.
        foreach (var (deadId, count) in claimer.ReturnOrphans(RemoveStaleTemporaries))
        {
            WorkerLog.ReturnedOrphans(logger, count, deadId);
        }
    }

    private void RemoveStaleTemporaries(string inputName)
    {
        try
        {
            var output = converter.OutputPathFor(inputName, Path.GetFullPath(settings.Outbox), settings.SettingsFor(inputName));
            if (FileConverter.RemoveStaleTemporaries(output) is var removed and > 0)
            {
                WorkerLog.RemovedTemporaries(logger, removed, output);
            }
        }
        catch (Exception e) when (e is ArrayFormatException or IOException or UnauthorizedAccessException)
        {
            // No output name for it (its rule names an unknown format), or the outbox cannot be listed: the file's
            // own conversion reports that; the leftover, if any, is only untidy.
        }
    }

    private static Task StartConsumer(int index, Action consume)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                consume();
                finished.SetResult();
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"formats worker {index}",
        }.Start();
        return finished.Task;
    }

    private void Consume(ChannelReader<WorkItem> reader, FileClaimer claimer, InboxScanner scanner, CancellationToken stoppingToken)
    {
        // Read to the end without the token: after a stop, queued files are only released (they were never claimed).
        while (reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        Process(item, claimer);
                    }
                }
                finally
                {
                    inFlight.TryRemove(Path.GetFileName(item.Path), out _);
                    scanner.Wake();
                }
            }
        }
    }

    private void Process(WorkItem item, FileClaimer claimer)
    {
        var claimed = item.AlreadyClaimed ? item.Path : claimer.Claim(item.Path);
        if (claimed is null)
        {
            return; // another worker took it
        }

        var name = Path.GetFileName(claimed);
        var timer = Stopwatch.StartNew();
        metrics.Started();
        ConversionOutcome outcome;
        try
        {
            // Taken by rename, which moves the entry itself: only now, in this worker's own folder, is it looked at.
            if (FileKind.NotRegular(claimed) is { } kind)
            {
                throw new InvalidOperationException($"{name} is {kind}, not a regular file: the worker takes regular files only"
                    + " (a link would be read through to wherever it points; a FIFO would block a slot until someone wrote to it)");
            }

            var conversion = settings.SettingsFor(name);
            var output = converter.OutputPathFor(name, Path.GetFullPath(settings.Outbox), conversion);
            if (item.AlreadyClaimed)
            {
                FileConverter.RemoveStaleTemporaries(output);
            }

            outcome = converter.Convert(claimed, output, conversion, conversions.Token);
        }
        catch (OperationCanceledException) when (conversions.IsCancellationRequested)
        {
            metrics.Abandoned();
            if (claimer.Abandon(claimed))
            {
                WorkerLog.Abandoned(logger, name, timer.Elapsed.TotalMilliseconds);
            }
            else
            {
                WorkerLog.AbandonedStaysClaimed(logger, name);
            }

            return;
        }
        catch (Exception e)
        {
            var reason = Reason(e, claimed);
            var bytesIn = File.Exists(claimed) ? new FileInfo(claimed).Length : 0;
            metrics.Failed(timer.Elapsed);
            run.CountFailed();
            WorkerLog.Failed(logger, name, bytesIn, timer.Elapsed.TotalMilliseconds, reason);
            Settle(claimed, () => claimer.Fail(claimed, reason));
            return;
        }

        metrics.Converted(outcome);
        run.CountConverted();
        WorkerLog.Converted(logger, name, outcome.Output, outcome.BytesIn, outcome.BytesOut, outcome.Elapsed.TotalMilliseconds);
        Settle(claimed, () => claimer.Complete(claimed));
    }

    // The file by its own name, not its place in the work folder; the library's messages name the path they were given.
    private static string Reason(Exception e, string claimed)
    {
        var name = Path.GetFileName(claimed);
        return e switch
        {
            LayoutRequiredException f => $"{name}: {f.Problem} (a rule with DType for its pattern says how to read it: docs/worker.md)",
            ArrayFormatException f when f.SourcePath == claimed => $"{name}: {f.Problem}",
            _ => ErrorText.Describe(e).Replace(claimed, name, StringComparison.Ordinal),
        };
    }

    // The output is committed (or the failure recorded) before the input moves: if the move fails, the input stays
    // claimed and is converted again at the next start, which rewrites the same output.
    private void Settle(string claimed, Func<string> move)
    {
        try
        {
            move();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WorkerLog.StuckInWorkFolder(logger, claimed, e.Message);
        }
    }
}
