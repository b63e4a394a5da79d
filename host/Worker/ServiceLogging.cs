using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Formats.Host.Worker;

/// <summary>
/// How the long-running commands (worker, status) log: one UTC-stamped line per event, all on standard error (standard
/// output stays the command's own), warnings and up except Formats' own information.
/// </summary>
internal static class ServiceLogging
{
    public static void Configure(ILoggingBuilder logging, IServiceCollection services)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Formats", LogLevel.Information);
    }
}
