using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting;

/// <summary>
/// The folder worker: files dropped into <see cref="FolderWorkerOptions.Inbox"/> are converted into the outbox, then
/// moved to the done folder (or to the failed folder with <c>NAME.error.txt</c>). One producer scans the inbox; a
/// <see cref="JobRunner"/> converts <see cref="FolderWorkerOptions.Parallel"/> files at a time, each claimed (renamed
/// into <c>INBOX/.work/ID/</c>) only when a converter starts on it, so files still waiting stay free for other
/// workers. A crash leaves claimed files that the restarted worker (same id) converts again, or any other worker hands
/// back to the inbox once the dead one's lock is free.
/// </summary>
/// <remarks>
/// As a hosted service (<c>AddFormatsFolderWorker</c>) it runs until the host stops; <see cref="RunOnceAsync"/> converts
/// what is there and returns. Stopping gives files in flight <see cref="FolderWorkerOptions.DrainSeconds"/> to finish,
/// then cancels them and hands them back to the inbox. Instruments are on the meter <see cref="MeterName"/>; log lines
/// have fixed event ids (1000-1011). A failure of the worker itself (the inbox missing, another worker with its id)
/// ends <see cref="BackgroundService.ExecuteTask"/> with that exception.
/// </remarks>
public sealed class FolderWorker : BackgroundService
{
    /// <summary>The meter the worker's instruments are on (<c>dotnet-counters monitor --counters Formats.Worker</c>).</summary>
    public const string MeterName = "Formats.Worker";

    private static readonly TimeSpan OrphanCheckInterval = TimeSpan.FromMinutes(1);

    private readonly JobConverter converter;
    private readonly IOptions<FolderWorkerOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private long converted;
    private long failed;

    /// <summary>Creates the worker; options are read (and validated) when it starts.</summary>
    /// <param name="files">The engine.</param>
    /// <param name="options">The worker's settings.</param>
    /// <param name="logger">Where each file's outcome is logged.</param>
    /// <param name="clock">The clock of the settle rule; default the system's.</param>
    /// <param name="meters">Where the meter comes from; default a meter of its own.</param>
    public FolderWorker(ArrayFiles files, IOptions<FolderWorkerOptions> options, ILogger<FolderWorker> logger, TimeProvider? clock = null, IMeterFactory? meters = null)
    {
        converter = new JobConverter(files);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.clock = clock ?? TimeProvider.System;
        Activity = new WorkerActivity("folder", meters, this.clock);
    }

    /// <summary>What the worker has in hand and has done: the record its heartbeat carries (<c>AddFormatsHeartbeat</c>).</summary>
    public WorkerActivity Activity { get; }

    /// <summary>Files converted since the worker was made.</summary>
    public long Converted => Interlocked.Read(ref converted);

    /// <summary>Files moved to the failed folder since the worker was made.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>
    /// Converts what is in the inbox (and what this worker had claimed when it last stopped), waiting for files that are
    /// still settling, and returns when none is left; nothing watches the folder afterwards.
    /// </summary>
    /// <returns>The files converted and failed in this run.</returns>
    /// <exception cref="OptionsValidationException">The settings are not valid.</exception>
    /// <exception cref="InvalidOperationException">Another worker with the same id is running on the inbox.</exception>
    /// <exception cref="OperationCanceledException">Never: cancelling drains and returns what was done.</exception>
    public async Task<FolderWorkerResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (before, beforeFailed) = (Converted, Failed);
        await RunAsync(once: true, cancellationToken).ConfigureAwait(false);
        return new FolderWorkerResult(Converted - before, Failed - beforeFailed);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        Activity.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(once: false, stoppingToken);

    private async Task RunAsync(bool once, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var conversions = new CancellationTokenSource();
        var inFlight = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        using var claimer = new FileClaimer(settings);
        try
        {
            await claimer.StartAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        using var scanner = new InboxScanner(settings, clock, watch: !once);
        using var onStop = stoppingToken.Register(() =>
        {
            FolderWorkerLog.Stopping(logger, inFlight.Count, settings.DrainSeconds);
            conversions.CancelAfter(TimeSpan.FromSeconds(settings.DrainSeconds));
        });

        var (before, beforeFailed) = (Converted, Failed);
        var run = new Run(settings, claimer, scanner, inFlight, conversions.Token, stoppingToken);
        var runner = new JobRunner(settings.Parallel, "formats worker");
        await using (runner.ConfigureAwait(false))
        {
            try
            {
                await ProduceAsync(run, runner, once).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }

        FolderWorkerLog.Finished(logger, Converted - before, Failed - beforeFailed);
    }

    private async Task ProduceAsync(Run run, JobRunner runner, bool once)
    {
        var (settings, claimer, scanner, stoppingToken) = (run.Settings, run.Claimer, run.Scanner, run.Stopping);
        var recovered = claimer.ClaimedByThisWorker();
        if (recovered.Count > 0)
        {
            FolderWorkerLog.Recovering(logger, recovered.Count);
        }

        foreach (var file in recovered)
        {
            run.InFlight.TryAdd(Path.GetFileName(file), 0);
            await runner.EnqueueAsync(() => Take(run, file, alreadyClaimed: true), stoppingToken).ConfigureAwait(false);
        }

        ReturnOrphans(run);
        var lastOrphanCheck = clock.GetTimestamp();

        // Logged once the leftovers are dealt with: from here on the worker only takes files from the inbox.
        var inbox = Path.GetFullPath(settings.Inbox);
        var outbox = settings.OutboxLocation;
        FolderWorkerLog.Started(logger, settings.EffectiveWorkerId, inbox, outbox, settings.Parallel, settings.SettleSeconds, once ? ", once" : "");
        var interval = TimeSpan.FromSeconds(settings.ScanIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetElapsedTime(lastOrphanCheck) >= OrphanCheckInterval)
            {
                ReturnOrphans(run);
                lastOrphanCheck = clock.GetTimestamp();
            }

            InboxScan scan;
            try
            {
                scan = scanner.Scan();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                FolderWorkerLog.ScanFailed(logger, e.Message);
                await scanner.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var queued = 0;
            foreach (var file in scan.Ready)
            {
                if (run.InFlight.TryAdd(Path.GetFileName(file), 0))
                {
                    await runner.EnqueueAsync(() => Take(run, file, alreadyClaimed: false), stoppingToken).ConfigureAwait(false);
                    queued++;
                }
            }

            if (once && queued == 0 && scan.Settling == 0 && run.InFlight.IsEmpty)
            {
                return;
            }

            // While files settle, look again soon enough to take them close to the end of their settle period.
            var wait = scan.Settling > 0 ? TimeSpan.FromSeconds(Math.Clamp(settings.SettleSeconds / 4, 0.05, settings.ScanIntervalSeconds)) : interval;
            await scanner.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    // On a runner thread. After a stop, files still queued are only released (they were never claimed).
    private bool Take(Run run, string file, bool alreadyClaimed)
    {
        try
        {
            if (!run.Stopping.IsCancellationRequested)
            {
                Process(run, file, alreadyClaimed);
            }
        }
        finally
        {
            run.InFlight.TryRemove(Path.GetFileName(file), out _);
            run.Scanner.Wake();
        }

        return true;
    }

    private void ReturnOrphans(Run run)
    {
        // A worker killed mid-file left its temporary output (.NAME.*.tmp) in the outbox: its claims' new owner removes
        // it, as a restarted worker does for its own claims, or nobody ever would.
        foreach (var (deadId, count) in run.Claimer.ReturnOrphans(name => RemoveStaleTemporaries(run.Settings, name)))
        {
            FolderWorkerLog.ReturnedOrphans(logger, count, deadId);
        }
    }

    private void RemoveStaleTemporaries(FolderWorkerOptions settings, string inputName)
    {
        try
        {
            var output = converter.OutputPathFor(inputName, settings.OutboxLocation, settings.FormatFor(inputName));
            if (JobConverter.RemoveStaleTemporaries(output) is var removed and > 0)
            {
                FolderWorkerLog.RemovedTemporaries(logger, removed, output);
            }
        }
        catch (Exception e) when (e is ArrayFormatException or IOException or UnauthorizedAccessException)
        {
            // No output name for it (its rule names an unknown format), or the outbox cannot be listed: the file's
            // own conversion reports that; the leftover, if any, is only untidy.
        }
    }

    private void Process(Run run, string file, bool alreadyClaimed)
    {
        var claimer = run.Claimer;
        var claimed = alreadyClaimed ? file : claimer.Claim(file);
        if (claimed is null)
        {
            return; // another worker took it
        }

        var name = Path.GetFileName(claimed);
        var timer = Stopwatch.StartNew();
        var job = Activity.Begin(claimed);
        JobOutcome outcome;
        try
        {
            // Taken by rename, which moves the entry itself: only now, in this worker's own folder, is it looked at.
            if (FileKind.NotRegular(claimed) is { } kind)
            {
                throw new InvalidOperationException($"{name} is {kind}, not a regular file: the worker takes regular files only"
                    + " (a link would be read through to wherever it points; a FIFO would block a slot until someone wrote to it)");
            }

            var settings = run.Settings;
            var output = converter.OutputPathFor(name, settings.OutboxLocation, settings.FormatFor(name));
            if (alreadyClaimed)
            {
                JobConverter.RemoveStaleTemporaries(output);
            }

            outcome = converter.Convert(settings.JobFor(claimed, output), job, run.Conversions);
        }
        catch (OperationCanceledException) when (run.Conversions.IsCancellationRequested)
        {
            Activity.Abandon(job);
            if (claimer.Abandon(claimed))
            {
                FolderWorkerLog.Abandoned(logger, name, timer.Elapsed.TotalMilliseconds);
            }
            else
            {
                FolderWorkerLog.AbandonedStaysClaimed(logger, name);
            }

            return;
        }
        catch (Exception e)
        {
            var reason = Reason(e, claimed);
            var bytesIn = File.Exists(claimed) ? new FileInfo(claimed).Length : 0;
            Activity.Fail(job, reason);
            Interlocked.Increment(ref failed);
            FolderWorkerLog.Failed(logger, name, bytesIn, timer.Elapsed.TotalMilliseconds, reason);
            Settle(claimed, () => claimer.Fail(claimed, reason));
            return;
        }

        Activity.Finish(job, outcome);
        Interlocked.Increment(ref converted);
        FolderWorkerLog.Converted(logger, name, outcome.Output, outcome.BytesIn, outcome.BytesOut, outcome.Elapsed.TotalMilliseconds);
        Settle(claimed, () => claimer.Complete(claimed));
    }

    // The file by its own name, not its place in the work folder; the library's messages name the path they were given.
    private static string Reason(Exception e, string claimed)
    {
        var name = Path.GetFileName(claimed);
        return e switch
        {
            LayoutRequiredException f => $"{name}: {f.Problem} (a rule with DType for its pattern says how to read it)",
            ArrayFormatException f when f.SourcePath == claimed => $"{name}: {f.Problem}",
            _ => JobFailure.Describe(e).Replace(claimed, name, StringComparison.Ordinal),
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
            FolderWorkerLog.StuckInWorkFolder(logger, claimed, e.Message);
        }
    }

    private sealed record Run(FolderWorkerOptions Settings, FileClaimer Claimer, InboxScanner Scanner, ConcurrentDictionary<string, byte> InFlight,
        CancellationToken Conversions, CancellationToken Stopping);
}
