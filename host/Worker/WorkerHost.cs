using Formats.Host.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Formats.Host.Worker;

/// <summary>
/// Builds the worker's host: configuration from appsettings.json beside the program, an optional <c>--config</c> file,
/// <c>FORMATS_</c> environment variables and the command line (later wins); the engine with its plugins; the worker
/// service with its options validated at start; console logging (the journal's format under systemd); metrics.
/// </summary>
internal static class WorkerHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> commandLine, string? configFile, IReadOnlyList<string> pluginDirectories, IReadOnlyList<string>? allow = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("FORMATS_");
        builder.Configuration.AddInMemoryCollection(commandLine);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Formats", LogLevel.Information);
        // The worker logs each file once itself; a start failure is the command's one error line, not a stack trace.
        builder.Logging.AddFilter("Formats.ArrayFiles", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        // Under systemd (NOTIFY_SOCKET set): READY=1 once started, STOPPING=1 on SIGTERM, journal-style log lines.
        builder.Services.AddSystemd();
        var worker = builder.Configuration.GetSection(WorkerOptions.SectionName);
        var shutdown = worker.GetValue<double?>(nameof(WorkerOptions.ShutdownTimeoutSeconds)) ?? new WorkerOptions().ShutdownTimeoutSeconds;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(shutdown, 0)));

        var configuredPlugins = builder.Configuration.GetSection("Formats:PluginDirectories").Get<string[]>() ?? [];
        builder.Services.Configure<ArrayFormatsOptions>(builder.Configuration.GetSection(ArrayFormatsOptions.SectionName));
        builder.Services.AddArrayFormats(b => CliContext.AddPlugins(b, configuredPlugins.Concat(pluginDirectories).Select(Path.GetFullPath)));

        builder.Services.AddSingleton<WorkerRun>();
        // A worker serves the folder inbox, the queue (Formats:Queue:Url, --queue), or both.
        var queue = builder.QueueConfigured();
        if (!queue || !string.IsNullOrEmpty(worker[nameof(WorkerOptions.Inbox)]) || !string.IsNullOrEmpty(worker[nameof(WorkerOptions.Outbox)]))
        {
            builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
            builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<WorkerMetrics>();
            builder.Services.AddSingleton<FileConverter>();
            builder.Services.AddHostedService<WorkerService>();
        }

        if (queue)
        {
            builder.AddQueueConsumer(allow ?? []);
        }

        return builder.Build();
    }
}
