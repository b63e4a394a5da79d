using System.Collections.Concurrent;
using System.Diagnostics;

namespace Formats.Host.Tests;

/// <summary>
/// The real <c>formats</c> program (the built host, as HostProcessTests starts it) running in the background: a worker,
/// a queue worker or submit, a batch to interrupt. Its output is kept line by line; waits wake on each new line.
/// </summary>
internal sealed class FormatsProcess : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>How long any wait may take before the test fails: a guard against hanging, not a measurement.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly System.Diagnostics.Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Released for every line and when standard error closes: a waiter wakes on news, not on a timer.
    private readonly SemaphoreSlim news = new(0);

    private FormatsProcess(System.Diagnostics.Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                stderrClosed.TrySetResult();
            }
            else
            {
                lines.Enqueue(e.Data);
            }

            news.Release();
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
                news.Release();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public int Id => process.Id;

    /// <summary>Every line written so far (standard error and output).</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    public string Log => string.Join('\n', lines);

    /// <summary>Starts <c>formats worker ARGS</c>; <paramref name="environment"/> adds variables (configuration).</summary>
    public static FormatsProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartCommand(["worker", .. args], environment);

    /// <summary>Starts <c>formats ARGS</c> (any command, to be signalled or watched while it runs).</summary>
    public static FormatsProcess StartCommand(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

        return new FormatsProcess(System.Diagnostics.Process.Start(psi)!);
    }

    /// <summary>Runs <c>formats worker ARGS</c> to its end; returns its exit status and log.</summary>
    public static (int Code, string Log) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var worker = Start(args, environment);
        var code = worker.WaitForExit();
        return (code, worker.Log);
    }

    /// <summary>Waits until a log line satisfies <paramref name="match"/>; fails the test after <see cref="Guard"/> or if the process ends first.</summary>
    public string WaitForLine(Func<string, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (process.HasExited && stderrClosed.Task.IsCompleted)
            {
                Assert.Fail($"the worker exited ({process.ExitCode}) before the line awaited:\n{Log}");
            }

            var left = Guard - clock.Elapsed;
            Assert.True(left > TimeSpan.Zero, $"no such line after {Guard}:\n{Log}");
            // A process that ends without closing standard error yet prints nothing more: look again at least each second.
            news.Wait(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Async <see cref="WaitForLine"/> for <paramref name="count"/> matching lines; fails naming <paramref name="what"/> after <paramref name="timeoutSeconds"/>.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, string what, int count = 1, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(timeoutSeconds);
        while (lines.Count(match) < count)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero || (process.HasExited && stderrClosed.Task.IsCompleted))
            {
                throw new TimeoutException($"waited for {what} (x{count}); process {(process.HasExited ? "exited" : "running")}; log:\n{Log}");
            }

            await news.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> (the file system's, which sends no news) holds; fails the test after <see cref="Guard"/>.</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Guard, $"{what}: not so after {Guard}:\n{Log}");
            // Look again in 10 ms, or at once when the process ends (the check below then fails the test).
            if (process.WaitForExit(10))
            {
                Assert.Fail($"the process exited ({process.ExitCode}) while waiting until {what}:\n{Log}");
            }
        }
    }

    /// <summary>Lets <paramref name="period"/> pass (a producer's pause), failing the test at once if the process ends meanwhile.</summary>
    public void StaysRunningFor(TimeSpan period) =>
        Assert.False(process.WaitForExit(period), $"the process exited ({(process.HasExited ? process.ExitCode : 0)}):\n{Log}");

    /// <summary>Sends a signal (TERM, KILL, INT) to the process.</summary>
    public void Signal(string name)
    {
        using var kill = System.Diagnostics.Process.Start(new ProcessStartInfo("kill", ["-s", name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end and its output to be read; returns its exit status. Fails after <paramref name="timeout"/> (default <see cref="Guard"/>).</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        Assert.True(process.WaitForExit(timeout ?? Guard), $"the worker did not exit within {timeout ?? Guard}:\n{Log}");
        process.WaitForExit(); // the asynchronous readers have drained
        stderrClosed.Task.Wait(Guard);
        return process.ExitCode;
    }

    public bool HasExited => process.HasExited;

    /// <summary>Async <see cref="WaitForExit"/>: the exit status once every line has been read.</summary>
    public async Task<int> WaitForExitAsync(int timeoutSeconds = 180)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(timeout.Token);
        await stderrClosed.Task.WaitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit status.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!process.HasExited)
        {
            // Not Signal: the process may end on its own between the look and the kill.
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(60);
    }

    /// <summary>SIGKILL to the process alone: no shutdown, no flush.</summary>
    public void KillHard() => process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(); // also drains the asynchronous readers, the last to release the semaphore
        process.Dispose();
        news.Dispose();
    }

    private static string HostDll => Path.Combine(RepoRoot, "host", "bin", Configuration, "net10.0", "formats.dll");

    /// <summary>The repository's root (where Formats.sln is), for tests that read its docs.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

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
