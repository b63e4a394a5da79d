using Microsoft.Extensions.Logging;

namespace Formats.Hosting.RabbitMQ;

/// <summary>The queue worker's log lines: one per job outcome, and one for each thing it waits for.</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "queue: connected to {Url}")]
    public static partial void Connected(ILogger logger, string url);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "queue: waiting for the broker at {Url} (attempt {Attempt}: {Reason}); retrying every {Seconds} s")]
    public static partial void WaitingForBroker(ILogger logger, string url, int attempt, string reason, double seconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "queue: connection to {Url} lost ({Reason}); waiting for the broker, retrying every {Seconds} s; unacknowledged jobs go back to the queue")]
    public static partial void ConnectionLost(ILogger logger, string url, string reason, double seconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "queue: still waiting for the broker at {Url} ({Reason}); retrying every {Seconds} s")]
    public static partial void StillWaiting(ILogger logger, string url, string reason, double seconds);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "queue: reconnected to {Url}; consuming again")]
    public static partial void Reconnected(ILogger logger, string url);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "queue: consuming {Queue} on {Url}, {Parallel} at a time, prefetch {Prefetch} (delivery limit {Limit}, dead letters in {Dead})")]
    public static partial void Consuming(ILogger logger, string queue, string url, int parallel, int prefetch, int limit, string dead);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information,
        Message = "job {Id} committed {Output} ({Bytes} bytes in {Milliseconds} ms, delivery {Attempt}{Redelivered})")]
    public static partial void Committed(ILogger logger, string id, string output, long bytes, long milliseconds, long attempt, string redelivered);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "job {Id} dead-lettered after delivery {Attempt}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string id, long attempt, string reason);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning,
        Message = "job {Id} failed (delivery {Attempt} of {Limit}), back to the queue in {Seconds} s for a retry: {Reason}")]
    public static partial void Retrying(ILogger logger, string id, long attempt, long limit, double seconds, string reason);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning,
        Message = "job {Id}: its delivery predates a reconnect, so it is not acknowledged (the broker delivers it again; a rerun writes the same bytes)")]
    public static partial void StaleDelivery(ILogger logger, string id);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "job {Id} abandoned at shutdown; the broker delivers it again")]
    public static partial void Abandoned(ILogger logger, string id);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "job {Id}: could not settle it with the broker ({Reason}); the broker delivers it again")]
    public static partial void SettleFailed(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 1117, Level = LogLevel.Information, Message = "job {Id}: removed {Count} temporary file(s) an earlier delivery left beside {Output}")]
    public static partial void RemovedTemporaries(ILogger logger, string id, int count, string output);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Information, Message = "queue: stopped consuming {Queue}")]
    public static partial void Stopped(ILogger logger, string queue);
}
