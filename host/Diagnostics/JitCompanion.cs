using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Formats.Host.Diagnostics;

/// <summary>
/// The program compiled ahead of time (<c>PublishAot</c>) starts in milliseconds but cannot load plugin assemblies.
/// A run that needs third-party plugins is handed, arguments and standard streams unchanged, to the JIT build
/// published beside it in <c>jit/</c>; its exit code is this run's.
/// </summary>
internal static class JitCompanion
{
    /// <summary>True when this run needs plugin assemblies that this program cannot load itself.</summary>
    public static bool IsNeeded(IReadOnlyList<string> pluginFolders) =>
        !RuntimeFeature.IsDynamicCodeSupported && (pluginFolders.Count > 0 || HasApplicationPlugins());

    /// <summary>
    /// A command the native program leaves out (<c>plot</c>, whose drawing library is not compiled ahead of time): it
    /// takes any arguments, and a run of it goes to the JIT build.
    /// </summary>
    public static System.CommandLine.Command StandIn(string name, string description) =>
        new(name, description) { TreatUnmatchedTokensAsErrors = false };

    /// <summary>True for a command made by <see cref="StandIn"/>.</summary>
    public static bool IsStandIn(System.CommandLine.Command command) =>
        !RuntimeFeature.IsDynamicCodeSupported && command is { TreatUnmatchedTokensAsErrors: false, Action: null };

    /// <summary>Runs the JIT build with <paramref name="args"/>; returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jit");
        var apphost = Path.Combine(folder, "formats");
        var dll = Path.Combine(folder, "formats.dll");
        ProcessStartInfo start;
        if (File.Exists(apphost))
        {
            start = new ProcessStartInfo(apphost);
        }
        else if (File.Exists(dll))
        {
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(dll);
        }
        else
        {
            await error.WriteLineAsync($"error: this program is compiled ahead of time and cannot load plugin assemblies, and the JIT build that can ({dll}) is missing; publish without PublishAot, or with it (which adds jit/)");
            return 1;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.UseShellExecute = false;
        StartupTrace.Mark("handing over to the JIT build");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        // Ctrl-C reaches both processes (one process group); the companion decides how to stop.
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    private static bool HasApplicationPlugins()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plugins");
        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
    }
}
