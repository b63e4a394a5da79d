using System.CommandLine;
using Formats.Discovery;
using Formats.Registry;
using Formats.Printing;
using Microsoft.Extensions.DependencyInjection;

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
                await context.Output.WriteLineAsync(PluginsJson.Format(registry, catalog));
                return 0;
            }

            foreach (var f in registry.Formats)
            {
                await context.Output.WriteLineAsync(
                    $"{f.Name,-8} {string.Join(" ", f.Extensions),-18} {Magic(f)} [{string.Join(", ", CapabilityNames.Of(f))}] {PluginCatalog.LocationOf(f.GetType())}");
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

    private static string Magic(IArrayFormat format) =>
        format.Detector is { } d ? string.Join(",", d.Signatures.Select(s => Convert.ToHexString(s.Span))) : "(no magic)";
}
