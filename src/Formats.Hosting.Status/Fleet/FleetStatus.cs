namespace Formats.Hosting.Status;

/// <summary>
/// The fleet at one moment: what <c>/api/status</c> returns as camelCase JSON and the page shows (docs/operations.md
/// documents every field).
/// </summary>
public sealed class FleetStatus
{
    /// <summary>When this was put together.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The jobs queue, as the broker reports it.</summary>
    public required QueueStatus Queue { get; init; }

    /// <summary>Totals over every worker seen (lost ones keep their last counts).</summary>
    public required FleetTotals Totals { get; init; }

    /// <summary>Throughput and conversion times from the results announced while watching.</summary>
    public required FleetRates Rates { get; init; }

    /// <summary>Heartbeats a worker may miss before it is lost.</summary>
    public int LostAfterBeats { get; init; }

    /// <summary>One row per worker, alive first.</summary>
    public IReadOnlyList<FleetWorker> Workers { get; init; } = [];

    /// <summary>Dead-lettered jobs seen while watching, newest first.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters { get; init; } = [];
}

/// <summary>The jobs queue, from the broker (a passive declare: nothing counted twice).</summary>
public sealed class QueueStatus
{
    /// <summary>The jobs queue.</summary>
    public required string Name { get; init; }

    /// <summary>True while the status app is connected to the broker.</summary>
    public bool BrokerReachable { get; init; }

    /// <summary>Why the broker or the queue cannot be read, or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Jobs waiting (ready, not yet delivered to a worker); null when unknown.</summary>
    public long? Depth { get; init; }

    /// <summary>Workers consuming from the queue, per the broker.</summary>
    public long? Consumers { get; init; }

    /// <summary>Jobs in the dead-letter queue.</summary>
    public long? DeadLetters { get; init; }

    /// <summary>
    /// Seconds the oldest waiting job has waited, estimated (an upper bound): the time since the queue was last seen
    /// empty, or since the last job a worker took plus how long that one had waited, whichever is less. 0 when empty.
    /// </summary>
    public double? OldestJobSeconds { get; init; }
}

/// <summary>Totals over the fleet.</summary>
public sealed class FleetTotals
{
    /// <summary>Jobs converted (sum of the workers' own counts).</summary>
    public long Converted { get; init; }

    /// <summary>Jobs the workers gave up on.</summary>
    public long Failed { get; init; }

    /// <summary>Jobs in the dead-letter queue (the broker's count).</summary>
    public long DeadLettered { get; init; }

    /// <summary>Output bytes of converted jobs.</summary>
    public long BytesWritten { get; init; }

    /// <summary>Workers alive.</summary>
    public int WorkersAlive { get; init; }

    /// <summary>Workers lost (stopped beating without saying they stop).</summary>
    public int WorkersLost { get; init; }
}

/// <summary>Throughput and conversion times.</summary>
public sealed class FleetRates
{
    /// <summary>Seconds the rates cover (the last minute).</summary>
    public double WindowSeconds { get; init; }

    /// <summary>Jobs committed per second over the window.</summary>
    public double JobsPerSecond { get; init; }

    /// <summary>Array data megabytes (10^6 bytes) written per second over the window.</summary>
    public double MegabytesPerSecond { get; init; }

    /// <summary>Median conversion time, seconds, over the history; null before any result.</summary>
    public double? P50Seconds { get; init; }

    /// <summary>95th percentile conversion time, seconds, over the history; null before any result.</summary>
    public double? P95Seconds { get; init; }

    /// <summary>Seconds each point of <see cref="History"/> covers.</summary>
    public double BucketSeconds { get; init; }

    /// <summary>Jobs and bytes per bucket, oldest first (the page's chart).</summary>
    public IReadOnlyList<RatePoint> History { get; init; } = [];
}

/// <summary>One bucket of the throughput history.</summary>
public sealed class RatePoint
{
    /// <summary>The bucket's start.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Jobs committed in it.</summary>
    public long Jobs { get; init; }

    /// <summary>Array data bytes written in it.</summary>
    public long Bytes { get; init; }
}

/// <summary>A worker as the status app sees it: its last heartbeat and whether it is still beating.</summary>
public sealed class FleetWorker
{
    /// <summary><c>alive</c>, <c>lost</c> (missed <see cref="FleetStatus.LostAfterBeats"/> beats) or <c>stopped</c> (said so).</summary>
    public required string State { get; init; }

    /// <summary>Seconds since its last heartbeat arrived.</summary>
    public double SecondsSinceBeat { get; init; }

    /// <summary>Its last heartbeat.</summary>
    public required WorkerStatus Status { get; init; }
}

/// <summary>A dead-lettered job.</summary>
public sealed class DeadLetter
{
    /// <summary>The job's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its input file, when the message was a job.</summary>
    public string? Input { get; init; }

    /// <summary>Why it is dead (the worker's reason, or the broker's).</summary>
    public required string Reason { get; init; }

    /// <summary>The worker that gave up on it, when a worker did.</summary>
    public string? Worker { get; init; }

    /// <summary>When the status app saw it arrive.</summary>
    public DateTimeOffset At { get; init; }
}
