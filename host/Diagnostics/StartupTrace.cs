using System.Diagnostics;

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
}
