using System.Diagnostics;

namespace Formats.Packaging.Tests;

/// <summary>Runs programs (dotnet, the installed tool, bash) and keeps what they printed.</summary>
public static class Processes
{
    /// <summary>Runs <paramref name="file"/> and waits for it.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult($"{file} {string.Join(' ', args)}", process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A finished process: <see cref="Check"/> fails the test with everything it printed unless it exited 0.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Out, string Err)
{
    /// <summary>This result, if the process succeeded.</summary>
    public ProcessResult Check()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}");
        return this;
    }
}
