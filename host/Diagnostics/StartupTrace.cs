using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Formats.Host.Diagnostics;

/// <summary>
/// A stopwatch log of start-up, on standard error, when <c>FORMATS_TRACE_STARTUP=1</c>: milliseconds since the
/// process started (runtime start-up included) at each step a command passes. Off, it costs one environment read.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("FORMATS_TRACE_STARTUP") is "1" or "true";

    /// <summary>Logs that <paramref name="step"/> was reached.</summary>
    public static void Mark(string step)
    {
        if (Enabled)
        {
            var since = DateTime.Now - Process.GetCurrentProcess().StartTime;
            Console.Error.WriteLine($"trace: {since.TotalMilliseconds,8:F1} ms  {step}");
        }
    }

    /// <summary>
    /// Logs which program ran: native (compiled ahead of time) or JIT, and the managed assemblies the process has
    /// mapped, read from the kernel's list of its mappings, so that an install can be checked from outside (the
    /// native program maps none).
    /// </summary>
    public static void MarkRuntime()
    {
        if (Enabled)
        {
            var kind = RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "native (AOT)";
            var assemblies = string.Join(", ", MappedAssemblies());
            Console.Error.WriteLine($"trace: runtime {kind}; mapped assemblies: {(assemblies.Length > 0 ? assemblies : "none")}");
        }
    }

    private static IEnumerable<string> MappedAssemblies()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return [];
        }

        return File.ReadLines(maps)
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries) is { Length: 6 } fields ? fields[5].Trim() : "")
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }
}
