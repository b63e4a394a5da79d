using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Formats.Bench;

/// <summary>
/// Section C, memory-mapped access: NumPy writes one float32 (rows, 1024) NPY (a bit over 4 GiB, or 256 MiB in quick
/// mode); its pages are read once into the page cache, then in rounds each tool's worker times random rows and a column
/// sum over its mapping, and whole <c>formats convert --rows</c> and Python processes extract one row (wall time, peak RSS).
/// </summary>
internal static partial class Orchestrator
{
    /// <summary>How many random rows (a) reads, and the seed both tools' indices come from (drawn here, written to mm_idx.bin).</summary>
    public const int MmapRandomRows = 10_000;

    private const int MmapSeed = 20240609;

    private static List<Result> RunMmap(string python, string script, string benchDir, string dataDir, RunConfig config)
    {
        var results = new List<Result>();
        var rows = config.MmapRows;
        var path = Path.Combine(dataDir, "mm.npy");
        Log($"C. memory mapping: NumPy writes float32 ({rows:N0}, {Suite.RowWidth}) = {rows * Suite.RowWidth * 4.0 / (1 << 30):F2} GiB");
        RunChild("numpy mmgen", Python(python, script, "mmgen", "--dir", dataDir, "--rows", S(rows)), null);

        // The same seeded row indices for both tools.
        var random = new Random(MmapSeed);
        var idx = new long[MmapRandomRows];
        for (var i = 0; i < idx.Length; i++)
        {
            idx[i] = random.NextInt64(rows);
        }

        File.WriteAllBytes(Path.Combine(dataDir, "mm_idx.bin"), MemoryMarshal.AsBytes(idx.AsSpan()).ToArray());

        var row = rows - 1; // the last row: at a file offset past 4 GiB in the full run
        var host = FindHost(benchDir);
        var timeTool = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        var formatsOut = Path.Combine(dataDir, "part_formats.npy");
        var numpyOut = Path.Combine(dataDir, "part_numpy.npy");
        var slice = $"{row}:{row + 1}";
        string[] formatsCmd = [.. host, "convert", path, formatsOut, "--rows", slice];
        string[] numpyCmd = [python, "-c", "import numpy as np, sys; np.save(sys.argv[2], np.load(sys.argv[1], mmap_mode='r')[" + slice + "])", path, numpyOut];
        var procRuns = new Dictionary<string, (List<double> Times, List<long> Rss, List<double> Warm)>
        {
            ["formats"] = ([], [], []),
            ["numpy"] = ([], [], []),
        };

        var workerArgs = WorkerArgs(dataDir, config.RepsPerRound, cold: false);
        string[] tools = ["numpy", "formats", "process"];
        var timed = new List<Result>();
        var warmRead = new List<double>();
        for (var round = 0; round < config.Rounds; round++)
        {
            // Warm page cache: the whole file read once before the round (it stays cached; 23 GiB RAM here).
            warmRead.Add(PageCache.ReadOnce(path));
            foreach (var tool in tools.Skip(round % tools.Length).Concat(tools.Take(round % tools.Length)))
            {
                Log($"MMAP round {round + 1}/{config.Rounds}: {tool}");
                switch (tool)
                {
                    case "numpy":
                        RunChild("numpy mmap", Python(python, script, ["mmap", .. workerArgs]), timed);
                        break;
                    case "formats":
                        RunChild("formats mmap", Self(["worker", "--tool", "formats", "--suite", "mmap", .. workerArgs]), timed);
                        break;
                    default:
                        for (var i = 0; i < config.ProcessRunsPerRound; i++)
                        {
                            // Alternating, starting with a different tool each time; the very first run of each is a warm-up.
                            var order = (round + i) % 2 == 0 ? new[] { "formats", "numpy" } : ["numpy", "formats"];
                            foreach (var who in order)
                            {
                                var first = round == 0 && i == 0;
                                var (secs, rss) = TimedProcess(who == "formats" ? formatsCmd : numpyCmd, who == "formats" ? formatsOut : numpyOut, timeTool, dataDir);
                                var runs = procRuns[who];
                                if (first)
                                {
                                    runs.Warm.Add(secs);
                                }
                                else
                                {
                                    runs.Times.Add(secs);
                                    if (rss is { } kib)
                                    {
                                        runs.Rss.Add(kib);
                                    }
                                }

                                Log($"    {who} process: {Report.Time(secs)}, peak RSS {(rss is { } k ? $"{k / 1024.0:F1} MiB" : "n/a")}{(first ? " (warm-up)" : "")}");
                            }
                        }

                        break;
                }
            }
        }

        results.Add(new Result { Tool = "dd", Op = "mmap.warm", Case = "mm", Times = warmRead, Bytes = new FileInfo(path).Length, Api = "dd if=mm.npy of=/dev/null bs=16M, once before each round (warms the page cache)" });
        results.AddRange(Merge(timed));
        var identical = File.Exists(formatsOut) && File.Exists(numpyOut) && SameBytes(formatsOut, numpyOut);
        foreach (var (who, runs) in procRuns)
        {
            var cmd = who == "formats" ? formatsCmd : numpyCmd;
            results.Add(new Result
            {
                Tool = who, Op = "mmap.process", Case = "mm", Times = runs.Times, Warmup = runs.Warm, Bytes = Suite.RowWidth * 4,
                PeakRssKiB = runs.Rss, Value = identical ? 1 : 0,
                Api = string.Join(' ', cmd.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)).Replace(dataDir + "/", "", StringComparison.Ordinal)
                    .Replace(Path.GetFullPath(Path.Combine(benchDir, "..")) + "/", "", StringComparison.Ordinal),
            });
        }

        Log($"    one-row outputs {(identical ? "byte-identical" : "DIFFER")}");
        foreach (var f in new[] { path, formatsOut, numpyOut, Path.Combine(dataDir, "mm_idx.bin") })
        {
            File.Delete(f);
        }

        return results;
    }

    /// <summary>
    /// The program as a user who wants speed runs it: the native (AOT) publish bench/run.sh makes in bench/out/formats-aot,
    /// else the built host (its apphost, or <c>dotnet formats.dll</c>).
    /// </summary>
    private static string[] FindHost(string benchDir)
    {
        var native = Path.GetFullPath(Path.Combine(benchDir, "out", "formats-aot", "formats"));
        if (File.Exists(native))
        {
            return [native];
        }

        var dir = Path.GetFullPath(Path.Combine(benchDir, "..", "host", "bin", "Release", "net10.0"));
        var apphost = Path.Combine(dir, "formats");
        return File.Exists(apphost) ? [apphost]
            : File.Exists(Path.Combine(dir, "formats.dll")) ? ["dotnet", Path.Combine(dir, "formats.dll")]
            : throw new InvalidOperationException($"no built host in {dir}: run `dotnet build host -c Release` (bench/run.sh does)");
    }

    /// <summary>
    /// Runs one whole process (output file removed first), under <c>/usr/bin/time -f %M</c> for its peak RSS; the wall time
    /// is taken here from start to exit, so it includes process start-up (and time's own fork/exec, the same for both tools).
    /// </summary>
    private static (double Seconds, long? PeakRssKiB) TimedProcess(string[] cmd, string output, string? timeTool, string dataDir)
    {
        File.Delete(output);
        var rssFile = Path.Combine(dataDir, "rss.txt");
        var info = timeTool is null ? new ProcessStartInfo(cmd[0]) : new ProcessStartInfo(timeTool) { ArgumentList = { "-f", "%e %M", "-o", rssFile, cmd[0] } };
        foreach (var a in cmd.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment.Remove("OPENBLAS_CORETYPE");
        info.Environment.Remove("OPENBLAS_L2_SIZE");
        var t0 = Stopwatch.GetTimestamp();
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {cmd[0]}");
        var err = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        if (p.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"{string.Join(' ', cmd)} failed ({p.ExitCode}): {stdout}{err.Result}");
        }

        long? rss = null;
        if (timeTool is not null)
        {
            var parts = File.ReadAllText(rssFile).Trim().Split('\n')[^1].Split(' ');
            rss = long.Parse(parts[^1], Inv);
            File.Delete(rssFile);
        }

        return (seconds, rss);
    }

    private static partial class PageCache
    {
        /// <summary>Reads <paramref name="path"/> once to /dev/null (warms the page cache); returns dd's seconds.</summary>
        public static double ReadOnce(string path) => Dd($"if={path}", "of=/dev/null", "bs=16M");
    }
}
