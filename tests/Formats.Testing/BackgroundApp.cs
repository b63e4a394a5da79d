using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace Formats.Testing;

/// <summary>
/// A long-running program (a worker app) started in the background, what it prints kept for failure messages; waited on
/// by condition, stopped as systemd or Ctrl+C stops it (SIGTERM), killed on dispose if still running.
/// </summary>
public sealed class BackgroundApp : IDisposable
{
    /// <summary>How long a condition or a stop may take before the test fails: a guard against hanging, not a measurement.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly StringBuilder log = new();

    private BackgroundApp(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the program wrote to standard output and error so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>, adding <paramref name="environment"/> to its environment.</summary>
    public static BackgroundApp Start(string file, IEnumerable<string> args, IEnumerable<KeyValuePair<string, string>>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? [])
        {
            psi.Environment[key] = value;
        }

        return new BackgroundApp(Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails (with the log) if the program exits first or <see cref="Patience"/> passes.</summary>
    public void WaitFor(Func<bool> condition, string what)
    {
        SpinWait.SpinUntil(() => condition() || process.HasExited, Patience);
        Assert.True(condition(), process.HasExited ? $"the program exited before {what}\n{Log}" : $"no {what} after {Patience}\n{Log}");
    }

    /// <summary>Sends SIGTERM and waits for the program to end; returns its exit code.</summary>
    public int Stop()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(Patience), "the program did not stop on SIGTERM\n" + Log);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
