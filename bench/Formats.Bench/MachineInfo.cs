using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Formats.Bench;

/// <summary>What the run ran on, for the report's header.</summary>
internal sealed class MachineInfo
{
    public string Cpu { get; init; } = "";

    public int Cores { get; init; }

    public string Memory { get; init; } = "";

    public string Kernel { get; init; } = "";

    public string FileSystem { get; init; } = "";

    public string Runtime { get; init; } = "";

    public string NumSharp { get; init; } = "";

    public string NumPy { get; init; } = "";

    public string LoadBefore { get; init; } = "";

    public string LoadAfter { get; set; } = "";

    public static MachineInfo Collect(string python, string script) => new()
    {
        Cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?",
        Cores = Environment.ProcessorCount,
        Memory = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?",
        Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        FileSystem = Capture("findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "--target", AppContext.BaseDirectory),
        Runtime = $".NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier}), workstation non-concurrent GC",
        NumSharp = typeof(NumSharp.np).Assembly.GetName().Version?.ToString() ?? "?",
        NumPy = CapturePython(python, script),
        LoadBefore = LoadAverage(),
    };

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    private static string CapturePython(string python, string script)
    {
        var info = new ProcessStartInfo(python) { ArgumentList = { script, "info" } };
        info.Environment.Remove("OPENBLAS_CORETYPE");
        info.Environment.Remove("OPENBLAS_L2_SIZE");
        var json = Capture(info);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var root = doc.RootElement;
            return $"numpy {root.GetProperty("numpy").GetString()} on Python {root.GetProperty("python").GetString()}";
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private static string Capture(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Capture(info);
    }

    private static string Capture(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        try
        {
            using var p = Process.Start(info)!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"({info.FileName}: {e.Message})";
        }
    }
}
