using Formats.Discovery;
using Formats.Registry;

namespace Formats.Printing;

/// <summary>What the engine loaded, as the JSON <c>formats plugins --json</c> prints: for an app's diagnostics too.</summary>
public static class PluginsJson
{
    /// <summary>
    /// The loaded formats and plugins as indented JSON: <c>formats</c> (each <c>name</c>, <c>description</c>,
    /// <c>extensions</c>, <c>magic</c> as hex, <c>priority</c> when it has a detector, <c>capabilities</c> as
    /// <see cref="CapabilityNames.Of"/> names them, <c>plugin</c>, <c>assembly</c>), <c>mapper</c> when one is loaded,
    /// <c>plugins</c> (each <c>name</c>, <c>path</c>, <c>loaded</c>, <c>builtIn</c>, <c>error</c>) and <c>failed</c>.
    /// </summary>
    public static string Format(FormatRegistry registry, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(catalog);
        return PrintedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("formats");
            foreach (var f in registry.Formats)
            {
                var assembly = f.GetType().Assembly;
                json.WriteStartObject();
                json.WriteString("name", f.Name);
                json.WriteString("description", f.Description);
                json.WriteStartArray("extensions");
                f.Extensions.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteStartArray("magic");
                foreach (var s in f.Detector?.Signatures ?? [])
                {
                    json.WriteStringValue(Convert.ToHexString(s.Span));
                }

                json.WriteEndArray();
                if (f.Detector is { } detector)
                {
                    json.WriteNumber("priority", detector.Priority);
                }

                json.WriteStartArray("capabilities");
                foreach (var ability in CapabilityNames.Of(f))
                {
                    json.WriteStringValue(ability);
                }

                json.WriteEndArray();
                json.WriteString("plugin", assembly.GetName().Name);
                json.WriteString("assembly", PluginCatalog.LocationOf(f.GetType()));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (catalog.GetService<IArrayMapper>() is { } mapper)
            {
                json.WriteStartObject("mapper");
                json.WriteString("plugin", mapper.GetType().Assembly.GetName().Name);
                json.WriteString("assembly", PluginCatalog.LocationOf(mapper.GetType()));
                json.WriteEndObject();
            }

            json.WriteStartArray("plugins");
            foreach (var p in catalog.Plugins)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("path", p.AssemblyPath);
                json.WriteBoolean("loaded", p.Loaded);
                json.WriteBoolean("builtIn", p.BuiltIn);
                if (p.Error is not null)
                {
                    json.WriteString("error", p.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("failed");
            foreach (var p in catalog.Plugins.Where(p => !p.Loaded))
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("path", p.AssemblyPath);
                json.WriteString("error", p.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, indented: true);
    }
}
