using Formats.Host.Queue;
using Formats.Hosting;
using Formats.Hosting.RabbitMQ;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Host.Worker;

/// <summary>
/// The application choices around the library's workers (Formats.Hosting): configuration from appsettings.json
/// beside the program, an optional <c>--config</c> file, <c>FORMATS_</c> environment variables and the command line
/// (later wins); console logging (the journal's format under systemd); systemd; the shutdown timeout.
/// </summary>
internal static class WorkerHost
{
    /// <summary>The host's shutdown timeout, seconds (<c>HostOptions.ShutdownTimeout</c>): the program's setting, not the library's.</summary>
    public const string ShutdownTimeoutKey = FolderWorkerOptions.SectionName + ":ShutdownTimeoutSeconds";

    public static IHost Build(
        IReadOnlyDictionary<string, string?> commandLine, string? configFile, IReadOnlyList<string> pluginDirectories, IReadOnlyList<string>? allow = null, string? endpointUrl = null)
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

        ServiceLogging.Configure(builder.Logging, builder.Services);
        // The worker logs each file once itself; a failure of a worker is the command's one error line, not a stack trace.
        builder.Logging.AddFilter("Formats.ArrayFiles", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        // Under systemd (NOTIFY_SOCKET set): READY=1 once started, STOPPING=1 on SIGTERM, journal-style log lines.
        builder.Services.AddSystemd();
        var worker = builder.Configuration.GetSection(FolderWorkerOptions.SectionName);
        var shutdown = builder.Configuration.GetValue<double?>(ShutdownTimeoutKey) ?? 30;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(shutdown, 0)));

        var configuredPlugins = builder.Configuration.GetSection("Formats:PluginDirectories").Get<string[]>() ?? [];
        builder.Services.Configure<ArrayFormatsOptions>(builder.Configuration.GetSection(ArrayFormatsOptions.SectionName));
        builder.Services.AddArrayFormats(b => CliContext.AddPlugins(b, configuredPlugins.Concat(pluginDirectories).Select(Path.GetFullPath)));
        // Jobs and an outbox may name s3:// locations: workers then share nothing but the broker and the store.
        builder.Services.AddS3ArraySources(o => o.EndpointUrl = endpointUrl);

        // A worker serves the folder inbox, the queue (Formats:Queue:Url, --queue), or both.
        var queue = builder.QueueConfigured();
        if (!queue || !string.IsNullOrEmpty(worker[nameof(FolderWorkerOptions.Inbox)]) || !string.IsNullOrEmpty(worker[nameof(FolderWorkerOptions.Outbox)]))
        {
            builder.Services.AddFormatsFolderWorker(worker);
            builder.Services.AddSingleton<IValidateOptions<FolderWorkerOptions>>(new DrainBeforeShutdown(shutdown));
        }

        if (queue)
        {
            builder.AddQueueConsumer(allow ?? []);
            if (builder.Services.Any(d => d.ServiceType == typeof(FolderWorker)))
            {
                // One process serving both: its folder worker shows on the queue's status page too.
                builder.Services.AddFormatsFolderHeartbeat();
            }
        }

        return builder.Build();
    }

    // Files in flight must be handed back before the host gives up on the worker.
    private sealed class DrainBeforeShutdown(double shutdown) : IValidateOptions<FolderWorkerOptions>
    {
        public ValidateOptionsResult Validate(string? name, FolderWorkerOptions options) =>
            options.DrainSeconds < shutdown
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{FolderWorkerOptions.SectionName}:DrainSeconds must be less than {ShutdownTimeoutKey} ({options.DrainSeconds} and {shutdown})"));
    }
}
