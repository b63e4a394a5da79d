using System.Diagnostics;

namespace Formats.Testing;

/// <summary>
/// Runs the real NumPy (Debian's python3-numpy at /usr/bin/python3) for interop tests. Never mocked: when
/// NumPy is missing the test fails with a message saying how to install it.
/// </summary>
public static class NumPy
{
    /// <summary>The interpreter: FORMATS_PYTHON, else /usr/bin/python3.</summary>
    public static string Python { get; } = Environment.GetEnvironmentVariable("FORMATS_PYTHON") ?? "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> (numpy imported as np) in <paramref name="workingDirectory"/>; returns standard output.</summary>
    /// <exception cref="InvalidOperationException">Python failed; the message holds its standard error.</exception>
    public static string Run(string script, string workingDirectory)
    {
        var psi = new ProcessStartInfo(Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Python}");
        process.StandardInput.Write("import numpy as np\nimport sys, os, json\n" + script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var err = stderr.Result;
            if (err.Contains("No module named 'numpy'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"NumPy is not installed for {Python}: run 'apt-get install -y python3-numpy' (.ci/run does)");
            }

            throw new InvalidOperationException($"python exited {process.ExitCode}:\n{err}\nscript:\n{script}");
        }

        return stdout.Result;
    }
}
