using System.Reflection;

namespace Formats.Hosting;

/// <summary>
/// The status record a worker publishes every few seconds (its heartbeat) and a status page shows: who it is, what it
/// has in hand, what it has done. Serialized as camelCase JSON (docs/operations.md lists the fields).
/// </summary>
public sealed class WorkerStatus
{
    /// <summary>This program's version, as workers report it.</summary>
    public static string CurrentVersion { get; } =
        typeof(WorkerStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The worker (host:pid).</summary>
    public required string Id { get; init; }

    /// <summary>What it serves: <c>folder</c> or <c>queue</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The machine it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Its version.</summary>
    public required string Version { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>When this record was made.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Seconds between its heartbeats.</summary>
    public double IntervalSeconds { get; init; }

    /// <summary>The jobs in hand, longest-running first.</summary>
    public IReadOnlyList<WorkerJobStatus> Jobs { get; init; } = [];

    /// <summary>Jobs converted since it started.</summary>
    public long Converted { get; init; }

    /// <summary>Jobs given up on (failed folder, dead-lettered) since it started.</summary>
    public long Failed { get; init; }

    /// <summary>Input bytes of converted jobs.</summary>
    public long BytesRead { get; init; }

    /// <summary>Output bytes of converted jobs.</summary>
    public long BytesWritten { get; init; }

    /// <summary>The last failure's reason (retried or not), or null.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last failure happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>How long the last job taken from a queue had waited there, seconds (null for folder workers).</summary>
    public double? LastQueueWaitSeconds { get; init; }

    /// <summary>When the last job was taken from a queue.</summary>
    public DateTimeOffset? LastTakenAt { get; init; }

    /// <summary>True in the last record of a worker that stopped (rather than one that stopped beating).</summary>
    public bool Stopped { get; init; }
}
