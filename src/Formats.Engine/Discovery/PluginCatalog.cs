using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Discovery;

/// <summary>
/// Finds plugin assemblies, loads them and lets each register its services. Plugins in a plugins folder
/// (one subfolder per plugin, <c>Name/Name.dll</c>) load in their own context through McMaster.NETCore.Plugins,
/// sharing the contract and the Microsoft.Extensions abstractions with the host so <see cref="IArrayFormat"/>
/// is one type on both sides. A plugin that fails is recorded, with the reason, and skipped. Nothing is read or
/// loaded until <see cref="Plugins"/> or <see cref="Formats"/> is first used; plugins register into a container of
/// their own (with the host's logger factory), from which their formats are taken.
/// </summary>
public sealed partial class PluginCatalog : IDisposable
{
    /// <summary>Prefix of plugin assemblies shipped beside an application that references them.</summary>
    public const string BuiltInPrefix = "Formats.Plugins.";

    private static readonly Type[] SharedTypes =
    [
        typeof(IArrayFormat),
        typeof(IServiceCollection),
        typeof(ILogger),
        typeof(IOptions<>),
    ];

    private readonly List<PluginInfo> plugins = [];
    private readonly HashSet<string> loadedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Type> registeredEntryPoints = [];
    private readonly Lazy<ServiceProvider> container;
    private IReadOnlyList<IArrayFormat>? formats;

    internal PluginCatalog(PluginSources sources, IServiceProvider host) =>
        container = new Lazy<ServiceProvider>(() => Load(sources, host));

    /// <summary>Every plugin seen, loaded or not, in load order.</summary>
    public IReadOnlyList<PluginInfo> Plugins
    {
        get
        {
            _ = Formats;
            return plugins;
        }
    }

    /// <summary>The formats the loaded plugins registered.</summary>
    /// <remarks>A format name registered twice (a built-in format copied into a plugin folder) is kept once: the
    /// first plugin to register it wins, and the copy is listed in <see cref="Plugins"/> as skipped, with the reason.</remarks>
    public IReadOnlyList<IArrayFormat> Formats => formats ??= WithoutDuplicates(container.Value.GetServices<IArrayFormat>(), []);

    /// <summary>
    /// <paramref name="candidates"/> less any whose name is already taken (by <paramref name="taken"/> or an earlier
    /// candidate); each one dropped for a clash of names, not of types, is recorded as a skipped plugin.
    /// </summary>
    internal List<IArrayFormat> WithoutDuplicates(IEnumerable<IArrayFormat> candidates, IEnumerable<IArrayFormat> taken)
    {
        var kept = taken.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        var result = new List<IArrayFormat>();
        foreach (var format in candidates)
        {
            if (!kept.TryGetValue(format.Name, out var first))
            {
                kept.Add(format.Name, format);
                result.Add(format);
            }
            else if (first.GetType() != format.GetType())
            {
                var assembly = format.GetType().Assembly;
                plugins.Add(new PluginInfo(assembly.GetName().Name!, LocationOf(format.GetType()),
                    $"format '{format.Name}' is already provided by {LocationOf(first.GetType())}; this copy is skipped"));
            }
        }

        return result;
    }

    /// <summary>
    /// A service the loaded plugins registered other than a format (such as the <see cref="IArrayMapper"/>), or null
    /// when none did. Loads the plugins on first use.
    /// </summary>
    public T? GetService<T>()
        where T : class => container.Value.GetService<T>();

    /// <summary>
    /// The file <paramref name="type"/> was loaded from: its assembly, or, in a program compiled ahead of time (whose
    /// assemblies have no files of their own), the program itself.
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The empty location of an assembly compiled into the program is the case handled here.")]
    public static string LocationOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var location = type.Assembly.Location;
        return location.Length > 0 ? location : Environment.ProcessPath ?? AppContext.BaseDirectory;
    }

    /// <summary>Disposes the plugins' services, if they were loaded.</summary>
    public void Dispose()
    {
        if (container.IsValueCreated)
        {
            container.Value.Dispose();
        }
    }

    private ServiceProvider Load(PluginSources sources, IServiceProvider host)
    {
        var services = new ServiceCollection();
        if (host.GetService<ILoggerFactory>() is { } loggers)
        {
            services.AddSingleton(loggers);
        }

        foreach (var plugin in sources.Referenced)
        {
            Add(services, plugin);
        }

        if (sources.BuiltInDirectory is { } builtIn)
        {
            LoadBuiltIn(services, builtIn);
        }

        foreach (var directory in sources.Directories)
        {
            LoadDirectory(services, directory);
        }

        // Said once, when the plugins load: a command that never needs its formats never pays for the scan.
        var logger = host.GetService<ILoggerFactory>()?.CreateLogger("Formats.Plugins");
        if (logger is not null)
        {
            foreach (var failed in plugins.Where(p => !p.Loaded))
            {
                Log.PluginFailed(logger, failed.Name, failed.AssemblyPath, failed.Error!);
            }
        }

        return services.BuildServiceProvider();
    }

    private void LoadBuiltIn(IServiceCollection services, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, BuiltInPrefix + "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            Register(services, name, path, builtIn: true, () => LoadBesideApplication(path));
        }
    }

    // Each subfolder's Name.dll, and loose assemblies.
    private void LoadDirectory(IServiceCollection services, string directory)
    {
        if (!Directory.Exists(directory))
        {
            plugins.Add(new PluginInfo(Path.GetFileName(directory), directory, "plugin folder does not exist"));
            return;
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            var path = Path.Combine(sub, name + ".dll");
            if (!File.Exists(path))
            {
                plugins.Add(new PluginInfo(name, path, $"no {name}.dll in the plugin folder"));
                continue;
            }

            Register(services, name, path, builtIn: false, () => LoadIsolated(path));
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            Register(services, Path.GetFileNameWithoutExtension(path), path, builtIn: false, () => LoadIsolated(path));
        }
    }

    private void Add(IServiceCollection services, IArrayFormatPlugin plugin)
    {
        var type = plugin.GetType();
        var name = type.Assembly.GetName().Name!;
        if (!registeredEntryPoints.Add(type))
        {
            return;
        }

        var scratch = new ServiceCollection();
        try
        {
            plugin.ConfigureServices(scratch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            plugins.Add(new PluginInfo(name, LocationOf(type), Describe(e)) { BuiltIn = true });
            return;
        }

        foreach (var descriptor in scratch)
        {
            services.Add(descriptor);
        }

        loadedNames.Add(name);
        plugins.Add(new PluginInfo(name, LocationOf(type), null) { BuiltIn = true });
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Plugin assemblies load at run time, which needs the JIT: refused below in a program compiled ahead of time.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "As above: a plugin's entry point is found by reflection only where assemblies can be loaded.")]
    private void Register(IServiceCollection services, string name, string path, bool builtIn, Func<Assembly> load)
    {
        if (loadedNames.Contains(name))
        {
            return;
        }

        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            plugins.Add(new PluginInfo(name, path, "this program is compiled ahead of time and cannot load plugin assemblies; run the JIT build") { BuiltIn = builtIn });
            return;
        }

        try
        {
            var assembly = load();
            var entryPoints = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IArrayFormatPlugin).IsAssignableFrom(t))
                .ToList();
            if (entryPoints.Count == 0)
            {
                plugins.Add(new PluginInfo(name, path, $"no public class implements {nameof(IArrayFormatPlugin)}") { BuiltIn = builtIn });
                return;
            }

            // Register into a scratch collection first, so a plugin that throws half-way adds nothing.
            var scratch = new ServiceCollection();
            foreach (var type in entryPoints.Where(registeredEntryPoints.Add))
            {
                var plugin = (IArrayFormatPlugin)(Activator.CreateInstance(type)
                    ?? throw new InvalidOperationException($"could not create {type.FullName}"));
                plugin.ConfigureServices(scratch);
            }

            foreach (var descriptor in scratch)
            {
                services.Add(descriptor);
            }

            loadedNames.Add(name);
            plugins.Add(new PluginInfo(name, path, null) { BuiltIn = builtIn });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a plugin throws (loading it, or in its ConfigureServices) is its failure, recorded and skipped:
            // one bad plugin must not stop the others or the engine.
            plugins.Add(new PluginInfo(name, path, Describe(e)) { BuiltIn = builtIn });
        }
    }

    private static Assembly LoadIsolated(string path)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(Path.GetFullPath(path), SharedTypes, config => config.PreferSharedTypes = true);
        return loader.LoadDefaultAssembly();
    }

    private static Assembly LoadBesideApplication(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        return Assembly.Load(name);
    }

    private static string Describe(Exception e) => e switch
    {
        BadImageFormatException => "not a valid .NET assembly (corrupt or not managed code)",
        ReflectionTypeLoadException r => "types failed to load: " + string.Join("; ", r.LoaderExceptions.Select(x => x?.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "plugin {Name} skipped: {Reason} ({Path})")]
        public static partial void PluginFailed(ILogger logger, string name, string path, string reason);
    }
}
