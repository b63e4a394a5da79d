using System.CommandLine;
using Formats.Discovery;
using Formats.Registry;
using Microsoft.Extensions.DependencyInjection;
using Formats.Host.Output;

namespace Formats.Host.Commands;

/// <summary><c>formats plugins [--json]</c>: every format found, where it came from, and plugins that failed.</summary>
internal static class PluginsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("plugins", "List the formats, the memory mapper and the plugins they came from") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var registry = host.Services.GetRequiredService<FormatRegistry>();
            var catalog = host.Services.GetRequiredService<PluginCatalog>();
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(ToJson(registry, catalog));
                return 0;
            }

            foreach (var f in registry.Formats)
            {
                await context.Output.WriteLineAsync(
                    $"{f.Name,-8} {string.Join(" ", f.Extensions),-18} {Magic(f)} [{string.Join(", ", Abilities(f))}] {PluginCatalog.LocationOf(f.GetType())}");
            }

            if (catalog.GetService<IArrayMapper>() is { } mapper)
            {
                await context.Output.WriteLineAsync($"{"mapper",-8} {"memory-mapped access (r, r+, c, w+)",-18} {PluginCatalog.LocationOf(mapper.GetType())}");
            }

            foreach (var p in catalog.Plugins.Where(p => !p.Loaded))
            {
                await context.Output.WriteLineAsync($"failed   {p.Name}: {p.Error} ({p.AssemblyPath})");
            }

            return 0;
        });
        return command;
    }

    // Every ability but reading is an interface the format implements; the names are those the list has always shown.
    private static IEnumerable<string> Abilities(IArrayFormat format)
    {
        yield return "Read";
        if (format is IWritableArrayFormat)
        {
            yield return "Write";
        }

        if (format is IMultiArrayFormat)
        {
            yield return "MultiArray";
        }

        if (format is IAppendableArrayFormat)
        {
            yield return "Append";
        }

        if (format is IEditableArchiveFormat)
        {
            yield return "Edit";
        }
    }

    private static string Magic(IArrayFormat format) =>
        format.Detector is { } d ? string.Join(",", d.Signatures.Select(s => Convert.ToHexString(s.Span))) : "(no magic)";

    private static string ToJson(FormatRegistry registry, PluginCatalog catalog)
    {
        return JsonText.Write(json =>
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
                foreach (var ability in Abilities(f))
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
