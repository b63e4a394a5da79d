using System.CommandLine;
using Formats.Host.Diagnostics;
using Formats.Plugins.Memmap;
using Formats.Plugins.Npy;
using Formats.Plugins.Npz;
using Formats.Plugins.Raw;
using Formats.Plugins.Text;
using Formats.Plugins.Zarr;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Formats.Host;

/// <summary>What every command shares: the output writers, the plugin folders and the service container.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    private const string EnvironmentPrefix = "FORMATS_";
    private IConfiguration? configuration;
    private bool configurationLoaded;

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>
    /// True when a command that prints a table on a terminal should print JSON: asked for, or output that is not the
    /// console's (redirected, or a test's writer).
    /// </summary>
    public bool WantsJson(bool asked) => asked || !ReferenceEquals(Output, Console.Out) || Console.IsOutputRedirected;

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

    /// <summary><c>--endpoint-url URL</c> on every command: the S3-compatible store <c>s3://</c> locations go to.</summary>
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "The S3-compatible endpoint for s3:// locations (MinIO: http://host:9000); default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS",
        Recursive = true,
        HelpName = "URL",
    };

    /// <summary>
    /// Builds the services a command runs with: configuration (<c>appsettings.json</c> beside the program,
    /// <c>FORMATS_</c> environment variables), warnings on standard error, and the Formats engine with the built-in
    /// plugins registered by type and the third-party plugin folders (<c>plugins/</c> beside the program,
    /// <c>--plugins</c>, configuration), which load when the engine first needs its formats.
    /// </summary>
    /// <remarks>
    /// A command is one short process, so this is a plain service container rather than the Generic Host: no
    /// hosted services, no configuration sources nobody set, no console logger thread (the worker builds a real host).
    /// </remarks>
    public CliHost BuildHost(ParseResult parse)
    {
        StartupTrace.Mark("building services");
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().AddProvider(new StderrLoggerProvider(Error)).SetMinimumLevel(LogLevel.Warning));
        if (Configuration is { } settings)
        {
            services.Configure<ArrayFormatsOptions>(settings.GetSection(ArrayFormatsOptions.SectionName));
        }

        var folders = PluginFolders(parse);
        services.AddArrayFormats(b => AddPlugins(b, folders));
        // Every file argument may be s3://bucket/key; the client is made only when one is given.
        var endpoint = parse.GetValue(EndpointUrl);
        services.AddS3ArraySources(o => o.EndpointUrl = endpoint);
        var provider = services.BuildServiceProvider();
        StartupTrace.Mark("services built");
        return new CliHost(provider);
    }

    /// <summary>
    /// The program's plugins: the built-in ones by type (no folder probed, and the only way a native program has them),
    /// then the third-party <paramref name="folders"/>, loaded when the router first needs its formats.
    /// </summary>
    public static void AddPlugins(ArrayFormatsBuilder formats, IEnumerable<string> folders)
    {
        formats.UseReferencedPlugins = false;
        formats.AddPlugin<NpyPlugin>().AddPlugin<NpzPlugin>().AddPlugin<RawPlugin>().AddPlugin<MemmapPlugin>().AddPlugin<TextPlugin>().AddPlugin<ZarrPlugin>();
        foreach (var dir in folders)
        {
            formats.AddPluginDirectory(dir);
        }
    }

    /// <summary>
    /// The third-party plugin folders of this run: those in configuration, then <c>--plugins</c>. The
    /// <c>plugins/</c> folder beside the program is added by the engine itself when it exists.
    /// </summary>
    public IReadOnlyList<string> PluginFolders(ParseResult parse)
    {
        var configured = Configuration?.GetSection("Formats:PluginDirectories").GetChildren().Select(c => c.Value).OfType<string>() ?? [];
        return [.. configured.Concat(parse.GetValue(PluginDirectories) ?? []).Select(Path.GetFullPath)];
    }

    /// <summary>Configuration, or null when nothing is configured (no settings file, no <c>FORMATS_</c> variable).</summary>
    public IConfiguration? Configuration
    {
        get
        {
            if (!configurationLoaded)
            {
                configuration = LoadConfiguration();
                configurationLoaded = true;
            }

            return configuration;
        }
    }

    // Configuration costs a JSON parser and a binder; a run that sets nothing pays for neither.
    private static IConfiguration? LoadConfiguration()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var fromEnvironment = Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Any(k => k.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && !k.StartsWith(EnvironmentPrefix + "TRACE", StringComparison.Ordinal));
        if (!fromEnvironment && !File.Exists(file))
        {
            return null;
        }

        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
    }
}
