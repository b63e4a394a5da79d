using Microsoft.Extensions.Logging;

namespace Formats.Hosting;

/// <summary>The worker's log lines: one per file with its outcome, bytes and time, and one per lifecycle step.</summary>
internal static partial class FolderWorkerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "worker {WorkerId} watching {Inbox} -> {Outbox} ({Parallel} at a time, settle {SettleSeconds} s{Mode})")]
    public static partial void Started(ILogger logger, string workerId, string inbox, string outbox, int parallel, double settleSeconds, string mode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "converted {Input} -> {Output}: {BytesIn} -> {BytesOut} bytes in {Milliseconds:F0} ms")]
    public static partial void Converted(ILogger logger, string input, string output, long bytesIn, long bytesOut, double milliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "failed {Input} ({BytesIn} bytes) after {Milliseconds:F0} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string input, long bytesIn, double milliseconds, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "abandoned {Input} at shutdown after {Milliseconds:F0} ms: back in the inbox")]
    public static partial void Abandoned(ILogger logger, string input, double milliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "abandoned {Input} at shutdown: a new file of that name is in the inbox, so it stays claimed for the next start")]
    public static partial void AbandonedStaysClaimed(ILogger logger, string input);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "recovering {Count} file(s) this worker had claimed when it stopped")]
    public static partial void Recovering(ILogger logger, int count);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "returned {Count} file(s) claimed by stopped worker {DeadWorkerId} to the inbox")]
    public static partial void ReturnedOrphans(ILogger logger, int count, string deadWorkerId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "could not move {Input} out of the work folder ({Reason}); it stays claimed and is converted again at the next start")]
    public static partial void StuckInWorkFolder(ILogger logger, string input, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "stopping: {InFlight} file(s) in flight get {DrainSeconds} s to finish")]
    public static partial void Stopping(ILogger logger, int inFlight, double drainSeconds);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "done: {Converted} converted, {Failed} failed")]
    public static partial void Finished(ILogger logger, long converted, long failed);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "the inbox scan failed: {Reason}; retrying")]
    public static partial void ScanFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "removed {Count} temporary file(s) a stopped worker's conversion left beside {Output}")]
    public static partial void RemovedTemporaries(ILogger logger, int count, string output);
}
