using System.Collections.Concurrent;
using System.Diagnostics;

namespace Formats.Host.Tests.Queue;

/// <summary>The real <c>formats</c> program running in the background, its standard error kept line by line.</summary>
internal sealed class HostProcess : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly System.Diagnostics.Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(System.Diagnostics.Process process) => this.process = process;

    public static string HostDll { get; } = Path.Combine(FindRepoRoot(), "host", "bin", Configuration, "net10.0", "formats.dll");

    public IReadOnlyList<string> Lines => [.. lines];

    public string Log => string.Join('\n', lines);

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static HostProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = psi, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.lines.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                host.lines.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => host.exited.TrySetResult();
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return host;
    }

    /// <summary>Waits until a line matches; fails naming what was awaited and the log so far.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, string what, int count = 1, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (lines.Count(match) < count)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"waited for {what} (x{count}); process {(process.HasExited ? "exited" : "running")}; log:\n{Log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit (after it, every line has been read); returns the exit status.</summary>
    public async Task<int> WaitForExitAsync(int timeoutSeconds = 180)
    {
        await exited.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit status.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!process.HasExited)
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(60);
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public void KillHard() => process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Formats.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Formats.sln not found above the test folder");
    }
}
