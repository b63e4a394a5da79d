using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Formats.Hosting;

/// <summary>
/// What one worker is doing and has done: the jobs in hand with their progress, totals, the last error, and the
/// instruments on the meter <see cref="FolderWorker.MeterName"/>. The folder and queue workers report into one each;
/// <see cref="Snapshot"/> is the record a heartbeat carries and a status page shows.
/// </summary>
public sealed class WorkerActivity : IDisposable
{
    private readonly FolderWorkerMetrics metrics;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<WorkerJob, byte> jobs = new();
    private readonly Lock gate = new();
    private long converted;
    private long failed;
    private long bytesRead;
    private long bytesWritten;
    private string? lastError;
    private DateTimeOffset? lastErrorAt;
    private double? lastQueueWait;
    private DateTimeOffset? lastTakenAt;

    /// <summary>Starts counting now.</summary>
    /// <param name="kind">What the worker serves: <c>folder</c> or <c>queue</c>.</param>
    /// <param name="meters">Where the meter comes from; default a meter of its own.</param>
    /// <param name="clock">The clock of start times and elapsed times; default the system's.</param>
    public WorkerActivity(string kind, IMeterFactory? meters = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Kind = kind;
        this.clock = clock ?? TimeProvider.System;
        metrics = new FolderWorkerMetrics(meters);
        Started = this.clock.GetUtcNow();
    }

    /// <summary>What the worker serves: <c>folder</c> or <c>queue</c>.</summary>
    public string Kind { get; }

    /// <summary>When counting began (the worker's start).</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Jobs converted.</summary>
    public long Converted => Interlocked.Read(ref converted);

    /// <summary>Jobs given up on (moved to failed, dead-lettered).</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>A job begins: it is in hand until <see cref="Finish(WorkerJob, JobOutcome)"/>, <see cref="Fail"/> or <see cref="Abandon"/>.</summary>
    /// <param name="input">The input file, as the status page shows it.</param>
    /// <param name="queuedAt">When the job was queued (a queued job's timestamp), to tell how long jobs wait; null when unknown.</param>
    public WorkerJob Begin(string input, DateTimeOffset? queuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The input is not looked at here: a queued job's paths are checked against the allowed roots later, and the
        // conversion's progress reports the bytes to copy.
        var now = clock.GetUtcNow();

        if (queuedAt is { } queued)
        {
            lock (gate)
            {
                lastQueueWait = Math.Max(0, (now - queued).TotalSeconds);
                lastTakenAt = now;
            }
        }

        var job = new WorkerJob(input, now, clock.GetTimestamp());
        jobs[job] = 0;
        metrics.Started();
        return job;
    }

    /// <summary>The job's output is committed.</summary>
    public void Finish(WorkerJob job, JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        if (jobs.TryRemove(job, out _))
        {
            metrics.Converted(outcome);
            Interlocked.Increment(ref converted);
            Interlocked.Add(ref bytesRead, outcome.BytesIn);
            Interlocked.Add(ref bytesWritten, outcome.BytesOut);
        }
    }

    /// <summary>The job failed with <paramref name="reason"/>; <paramref name="final"/> when it is given up on (not retried).</summary>
    public void Fail(WorkerJob job, string reason, bool final = true)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(reason);
        if (jobs.TryRemove(job, out _))
        {
            if (final)
            {
                metrics.Failed(clock.GetElapsedTime(job.Timestamp));
                Interlocked.Increment(ref failed);
            }
            else
            {
                metrics.Returned();
            }
        }

        lock (gate)
        {
            lastError = reason;
            lastErrorAt = clock.GetUtcNow();
        }
    }

    /// <summary>The job was handed back unfinished (shutdown).</summary>
    public void Abandon(WorkerJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (jobs.TryRemove(job, out _))
        {
            metrics.Abandoned();
        }
    }

    /// <summary>The status record of this worker now.</summary>
    /// <param name="id">The worker's id (host:pid).</param>
    /// <param name="intervalSeconds">Seconds between two heartbeats, so a reader can tell a missed one.</param>
    /// <param name="stopped">True for the last record of a worker that is stopping.</param>
    public WorkerStatus Snapshot(string id, double intervalSeconds, bool stopped = false)
    {
        var now = clock.GetUtcNow();
        var inHand = jobs.Keys
            .Select(j => new WorkerJobStatus { Input = j.Input, BytesDone = j.BytesDone, BytesTotal = j.BytesTotal, ElapsedSeconds = Math.Round(clock.GetElapsedTime(j.Timestamp).TotalSeconds, 3) })
            .OrderByDescending(j => j.ElapsedSeconds).ThenBy(j => j.Input, StringComparer.Ordinal).ToList();
        lock (gate)
        {
            return new WorkerStatus
            {
                Id = id,
                Kind = Kind,
                Host = Environment.MachineName,
                Version = WorkerStatus.CurrentVersion,
                Started = Started,
                At = now,
                IntervalSeconds = intervalSeconds,
                Jobs = inHand,
                Converted = Converted,
                Failed = Failed,
                BytesRead = Interlocked.Read(ref bytesRead),
                BytesWritten = Interlocked.Read(ref bytesWritten),
                LastError = lastError,
                LastErrorAt = lastErrorAt,
                LastQueueWaitSeconds = lastQueueWait,
                LastTakenAt = lastTakenAt,
                Stopped = stopped,
            };
        }
    }

    /// <inheritdoc />
    public void Dispose() => metrics.Dispose();
}
