using Microsoft.Extensions.Logging;

namespace Formats.Hosting.Status;

/// <summary>The status app's log lines.</summary>
internal static partial class StatusLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "status: watching queue {Queue} on {Broker}")]
    public static partial void Watching(ILogger logger, string queue, string broker);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "status: an unreadable message on {Exchange} was ignored: {Problem}")]
    public static partial void Unreadable(ILogger logger, string exchange, string problem);
}
