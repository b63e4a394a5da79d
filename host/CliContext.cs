using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Formats.Host;

/// <summary>What every command shares: the output writers, the plugin folders and the service container.</summary>
public sealed partial class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>Standard output.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary><c>--plugins DIR</c>, repeatable, on every command.</summary>
    public Option<string[]> PluginDirectories { get; } = new("--plugins")
    {
        Description = "Also load plugins from DIR (one subfolder per plugin); repeatable",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "DIR",
    };

    /// <summary>
    /// Builds the host: configuration (appsettings.json beside the program, <c>FORMATS_</c> environment
    /// variables), console logging to standard error, and the Formats engine with its plugins.
    /// </summary>
    public IHost BuildHost(ParseResult parse)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddEnvironmentVariables("FORMATS_");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configured = builder.Configuration.GetSection("Formats:PluginDirectories").Get<string[]>() ?? [];
        var fromCommandLine = parse.GetValue(PluginDirectories) ?? [];
        builder.Services.Configure<ArrayFormatsOptions>(builder.Configuration.GetSection(ArrayFormatsOptions.SectionName));
        builder.Services.AddArrayFormats(b =>
        {
            foreach (var dir in configured.Concat(fromCommandLine))
            {
                b.AddPluginDirectory(Path.GetFullPath(dir));
            }
        });
        var host = builder.Build();
        var catalog = host.Services.GetRequiredService<Formats.Discovery.PluginCatalog>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Formats.Plugins");
        foreach (var failed in catalog.Plugins.Where(p => !p.Loaded))
        {
            Log.PluginFailed(logger, failed.Name, failed.AssemblyPath, failed.Error!);
        }

        return host;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "plugin {Name} skipped: {Reason} ({Path})")]
        public static partial void PluginFailed(ILogger logger, string name, string path, string reason);
    }
}
