using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Plugins;

/// <summary>
/// Finds plugin assemblies, loads them and lets each register its services. Plugins in a plugins folder
/// (one subfolder per plugin, <c>Name/Name.dll</c>) load in their own context through McMaster.NETCore.Plugins,
/// sharing the contract and the Microsoft.Extensions abstractions with the host so <see cref="IArrayFormat"/>
/// is one type on both sides. A plugin that fails is recorded, with the reason, and skipped.
/// </summary>
public sealed class PluginCatalog
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

    /// <summary>Every plugin seen, loaded or not, in load order.</summary>
    public IReadOnlyList<PluginInfo> Plugins => plugins;

    /// <summary>Loads the <c>Formats.Plugins.*</c> assemblies beside the application into the default context.</summary>
    public void LoadBuiltIn(IServiceCollection services, string directory)
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

    /// <summary>Loads every plugin under <paramref name="directory"/>: each subfolder's <c>Name.dll</c>, and loose assemblies.</summary>
    public void LoadDirectory(IServiceCollection services, string directory)
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

    /// <summary>Registers a plugin type the application references directly.</summary>
    public void Add(IServiceCollection services, IArrayFormatPlugin plugin)
    {
        var type = plugin.GetType();
        if (registeredEntryPoints.Add(type))
        {
            plugin.ConfigureServices(services);
            loadedNames.Add(type.Assembly.GetName().Name!);
            plugins.Add(new PluginInfo(type.Assembly.GetName().Name!, type.Assembly.Location, null) { BuiltIn = true });
        }
    }

    private void Register(IServiceCollection services, string name, string path, bool builtIn, Func<Assembly> load)
    {
        if (loadedNames.Contains(name))
        {
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
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException
            or ReflectionTypeLoadException or TypeLoadException or InvalidOperationException or MissingMethodException
            or TargetInvocationException or InvalidCastException or ArgumentException or IOException or UnauthorizedAccessException)
        {
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
}
