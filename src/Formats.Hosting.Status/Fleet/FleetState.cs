namespace Formats.Hosting.Status;

/// <summary>
/// What the monitor has heard: the last heartbeat of each worker, the results and dead letters announced while
/// watching, and the broker's last counts. One lock: messages arrive a few per second, reads are page polls.
/// </summary>
internal sealed class FleetState(FleetStatusOptions options, TimeProvider clock)
{
    private const double RateWindowSeconds = 60;
    private const double BucketSeconds = 5;

    private readonly Lock gate = new();
    private readonly Dictionary<string, (WorkerStatus Status, DateTimeOffset Heard)> workers = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, long Bytes, long Milliseconds)> results = new();
    private readonly LinkedList<DeadLetter> dead = new();
    private QueueCounts? counts;
    private DateTimeOffset lastSeenEmpty = clock.GetUtcNow();
    private bool reachable;
    private string? problem = "connecting to the broker";

    public void Heard(WorkerStatus status)
    {
        lock (gate)
        {
            workers[status.Id + "/" + status.Kind] = (status, clock.GetUtcNow());
        }
    }

    public void Committed(long bytes, long milliseconds)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            results.Enqueue((now, bytes, milliseconds));
            while (results.Count > 0 && (now - results.Peek().At).TotalSeconds > options.HistorySeconds)
            {
                results.Dequeue();
            }
        }
    }

    public void DeadLettered(DeadLetter letter)
    {
        lock (gate)
        {
            dead.AddFirst(letter);
            while (dead.Count > Math.Max(options.DeadLettersShown, 0))
            {
                dead.RemoveLast();
            }
        }
    }

    public void Broker(bool isReachable, string? why)
    {
        lock (gate)
        {
            reachable = isReachable;
            problem = why;
        }
    }

    public void Counted(QueueCounts queue)
    {
        lock (gate)
        {
            counts = queue;
            if (queue.Depth == 0)
            {
                lastSeenEmpty = clock.GetUtcNow();
            }
        }
    }

    /// <summary>True while at least one worker beats.</summary>
    public int AliveWorkers() => Build().Totals.WorkersAlive;

    public FleetStatus Build()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            foreach (var key in workers.Where(w => (now - w.Value.Heard).TotalSeconds > options.ForgetAfterSeconds).Select(w => w.Key).ToList())
            {
                workers.Remove(key);
            }

            var rows = workers.Values.Select(w => new FleetWorker
            {
                Status = w.Status,
                SecondsSinceBeat = Math.Round((now - w.Heard).TotalSeconds, 1),
                State = w.Status.Stopped ? "stopped"
                    : (now - w.Heard).TotalSeconds > options.LostAfterBeats * Math.Max(w.Status.IntervalSeconds, 0.1) ? "lost" : "alive",
            }).OrderBy(w => w.State == "alive" ? 0 : w.State == "lost" ? 1 : 2).ThenBy(w => w.Status.Id, StringComparer.Ordinal).ThenBy(w => w.Status.Kind, StringComparer.Ordinal).ToList();

            return new FleetStatus
            {
                At = now,
                Queue = new QueueStatus
                {
                    Name = options.Queue,
                    BrokerReachable = reachable,
                    Problem = problem,
                    Depth = counts?.Depth,
                    Consumers = counts?.Consumers,
                    DeadLetters = counts?.DeadLetters,
                    OldestJobSeconds = OldestJob(now, rows),
                },
                Totals = new FleetTotals
                {
                    Converted = rows.Sum(w => w.Status.Converted),
                    Failed = rows.Sum(w => w.Status.Failed),
                    DeadLettered = counts?.DeadLetters ?? 0,
                    BytesWritten = rows.Sum(w => w.Status.BytesWritten),
                    WorkersAlive = rows.Count(w => w.State == "alive"),
                    WorkersLost = rows.Count(w => w.State == "lost"),
                },
                Rates = Rates(now),
                LostAfterBeats = options.LostAfterBeats,
                Workers = rows,
                DeadLetters = [.. dead],
            };
        }
    }

    private double? OldestJob(DateTimeOffset now, List<FleetWorker> rows)
    {
        if (counts is null)
        {
            return null;
        }

        if (counts.Depth == 0)
        {
            return 0;
        }

        // Jobs are taken in order: the oldest waiting was queued after the last one taken, and after the queue was last empty.
        var sinceEmpty = (now - lastSeenEmpty).TotalSeconds;
        var sinceTaken = rows.Where(w => w.Status is { LastTakenAt: not null, LastQueueWaitSeconds: not null })
            .Select(w => w.Status.LastQueueWaitSeconds!.Value + (now - w.Status.LastTakenAt!.Value).TotalSeconds)
            .DefaultIfEmpty(double.MaxValue).Min();
        return Math.Round(Math.Max(0, Math.Min(sinceEmpty, sinceTaken)), 1);
    }

    private FleetRates Rates(DateTimeOffset now)
    {
        var recent = results.Where(r => (now - r.At).TotalSeconds <= RateWindowSeconds).ToList();
        var times = results.Where(r => r.Milliseconds > 0).Select(r => r.Milliseconds / 1000.0).Order().ToList();
        var buckets = (int)Math.Ceiling(options.HistorySeconds / BucketSeconds);
        var start = DateTimeOffset.FromUnixTimeMilliseconds((long)(Math.Floor(now.ToUnixTimeMilliseconds() / (BucketSeconds * 1000)) * BucketSeconds * 1000)).AddSeconds(-BucketSeconds * (buckets - 1));
        var jobs = new long[buckets];
        var bytes = new long[buckets];
        foreach (var r in results)
        {
            var i = (int)Math.Floor((r.At - start).TotalSeconds / BucketSeconds);
            if (i >= 0 && i < buckets)
            {
                jobs[i]++;
                bytes[i] += r.Bytes;
            }
        }

        return new FleetRates
        {
            WindowSeconds = RateWindowSeconds,
            JobsPerSecond = Math.Round(recent.Count / RateWindowSeconds, 3),
            MegabytesPerSecond = Math.Round(recent.Sum(r => r.Bytes) / 1e6 / RateWindowSeconds, 3),
            P50Seconds = Quantile(times, 0.5),
            P95Seconds = Quantile(times, 0.95),
            BucketSeconds = BucketSeconds,
            History = [.. Enumerable.Range(0, buckets).Select(i => new RatePoint { At = start.AddSeconds(i * BucketSeconds), Jobs = jobs[i], Bytes = bytes[i] })],
        };
    }

    // Nearest-rank quantile of sorted values.
    private static double? Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)], 4);
}

/// <summary>The broker's counts for the jobs and dead-letter queues (null: the queue does not exist yet).</summary>
internal sealed record QueueCounts(long? Depth, long? Consumers, long? DeadLetters);
