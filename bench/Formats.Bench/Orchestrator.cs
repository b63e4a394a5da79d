using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Formats.Bench;

/// <summary>
/// Runs the whole comparison in one go: generates the inputs with NumPy, measures the page-cache limits with
/// <c>dd</c>, runs each tool's worker in its own process, checks the written files, and prints the report.
/// </summary>
internal static partial class Orchestrator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(Dictionary<string, string> options)
    {
        var started = Stopwatch.StartNew();
        var quick = options.ContainsKey("quick");
        var config = new RunConfig
        {
            Quick = quick,
            Rounds = options.TryGetValue("rounds", out var rounds) ? int.Parse(rounds, Inv) : quick ? 1 : 4,
            Reps = options.TryGetValue("reps", out var reps) ? int.Parse(reps, Inv) : quick ? 3 : 8,
            NpzReps = options.TryGetValue("npz-reps", out var npzReps) ? int.Parse(npzReps, Inv) : quick ? 3 : 5,
            FirstReads = quick ? 3 : 5,
            Cold = !quick && !options.ContainsKey("no-cold"),
            NpyMiB = options.TryGetValue("npy-mib", out var mib) ? int.Parse(mib, Inv) : quick ? 64 : 1024,
            NpzValues = quick ? 100_000 : 1_000_000,
            SignalMiB = quick ? 16 : 256,
            Only = options.GetValueOrDefault("only"),
            MmapRows = options.TryGetValue("mmap-rows", out var mmRows) ? long.Parse(mmRows, Inv) : quick ? (1L << 16) + 1 : (1L << 20) + 1,
            ProcessRunsPerRound = quick ? 4 : 2,
            BigMiB = options.TryGetValue("big-mib", out var bigMib) ? int.Parse(bigMib, Inv) : quick ? 32 : 256,
            BigRounds = options.TryGetValue("big-rounds", out var bigRounds) ? int.Parse(bigRounds, Inv) : quick ? 1 : 3,
        };
        if (config.Only is not (null or "npy" or "npz" or "mmap" or "big"))
        {
            throw new ArgumentException($"--only {config.Only}: expected npy, npz, big or mmap");
        }

        var benchDir = Path.GetFullPath(options.GetValueOrDefault("bench-dir") ?? FindBenchDir());
        var python = options.GetValueOrDefault("python") ?? "/usr/bin/python3";
        var outDir = Path.Combine(benchDir, "out");
        var dataDir = Path.Combine(outDir, "data");
        Directory.CreateDirectory(dataDir);
        foreach (var stale in Directory.EnumerateFiles(dataDir))
        {
            File.Delete(stale);
        }

        var script = Path.Combine(benchDir, "numpy_bench.py");
        var results = new List<Result>();
        var machine = MachineInfo.Collect(python, script);
        Log($"Formats bench ({(quick ? "quick" : "full")}): {config.NpyMiB} MiB NPY in {config.Rounds} round(s) of {config.RepsPerRound} timed runs per tool, " +
            $"{config.NpzValues:N0}-value NPZ cases and a {config.SignalMiB} MiB signal with {config.NpzReps} timed runs; cold reads: {(config.Cold ? "yes" : "no")}");

        if (config.Only is null or "npy" or "npz")
        {
            Log("generating inputs with NumPy");
            RunChild("numpy gen", Python(python, script, "gen", "--dir", dataDir, "--npy-mib", S(config.NpyMiB),
                "--npz-values", S(config.NpzValues), "--signal-mib", S(config.SignalMiB)), null);
        }

        var identity = new List<string>();
        if (config.Only is null or "npy")
        {
            // Rounds interleave the tools (in a rotating order), so a burst of load from other work on this
            // machine falls on every tool alike instead of on whichever ran at the time.
            var npyArgs = WorkerArgs(dataDir, config.RepsPerRound, config.Cold);
            string[] tools = ["dd", "numpy", "formats", "numsharp", "syscall"];
            var npy = new List<Result>();
            for (var round = 0; round < config.Rounds; round++)
            {
                foreach (var tool in tools.Skip(round % tools.Length).Concat(tools.Take(round % tools.Length)))
                {
                    Log($"NPY round {round + 1}/{config.Rounds}: {tool}");
                    switch (tool)
                    {
                        case "dd":
                            npy.AddRange(PageCache.Limits(dataDir, config));
                            break;
                        case "numpy":
                            RunChild("numpy npy", Python(python, script, ["npy", .. npyArgs]), npy);
                            break;
                        default:
                            RunChild($"{tool} npy", Self(["worker", "--tool", tool, "--suite", "npy", .. npyArgs]), npy);
                            break;
                    }
                }
            }

            // A script that loads one big array pays for fresh memory; repeated loads in one process may not.
            // So the first large read is measured apart: one read per fresh process, several processes per tool.
            string[] firstTools = ["numpy", "formats", "numsharp"];
            for (var i = 0; i < config.FirstReads; i++)
            {
                Log($"NPY first read {i + 1}/{config.FirstReads}");
                foreach (var tool in firstTools.Skip(i % 3).Concat(firstTools.Take(i % 3)))
                {
                    RunChild($"{tool} first", tool == "numpy"
                        ? Python(python, script, "first", "--dir", dataDir)
                        : Self("worker", "--tool", tool, "--suite", "first", "--dir", dataDir, "--reps", "1"), npy);
                }
            }

            results.AddRange(Merge(npy));
            identity.AddRange(CompareOutputs(dataDir));
        }

        if (config.Only is null or "npz")
        {
            var npzArgs = WorkerArgs(dataDir, config.NpzReps, cold: false);
            Log("NPZ: NumPy");
            RunChild("numpy npz", Python(python, script, ["npz", .. npzArgs]), results);
            Log("NPZ: Formats");
            RunChild("formats npz", Self(["worker", "--tool", "formats", "--suite", "npz", .. npzArgs]), results);
            Log("NPZ: NumSharp");
            RunChild("numsharp npz", Self(["worker", "--tool", "numsharp", "--suite", "npz", .. npzArgs]), results);
        }

        if (config.Only is null or "big")
        {
            results.AddRange(RunBig(python, script, dataDir, config));
        }

        if (config.Only is null or "mmap")
        {
            // After A and B: their inputs are no longer needed, and the mapped file gets the page cache to itself.
            foreach (var stale in Directory.EnumerateFiles(dataDir))
            {
                File.Delete(stale);
            }

            results.AddRange(RunMmap(python, script, benchDir, dataDir, config));
        }

        machine.LoadAfter = MachineInfo.LoadAverage();
        foreach (var stale in Directory.EnumerateFiles(dataDir))
        {
            File.Delete(stale);
        }

        var markdown = Report.Render(results, config, machine, identity, started.Elapsed);
        Console.Out.Write(markdown);
        File.WriteAllText(Path.Combine(outDir, "results.md"), markdown);
        File.WriteAllLines(Path.Combine(outDir, "results.jsonl"), results.Select(r => System.Text.Json.JsonSerializer.Serialize(r, ResultJson.Default.Result)));
        Log($"wrote {Path.Combine(outDir, "results.md")} in {started.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static string S(long value) => value.ToString(Inv);

    private static string[] WorkerArgs(string dataDir, int reps, bool cold) =>
        cold ? ["--dir", dataDir, "--reps", S(reps), "--cold"] : ["--dir", dataDir, "--reps", S(reps)];

    /// <summary>
    /// Section B2 (issue 25): NumPy-written compressed members (one plain deflate stream each) loaded by NumPy and by
    /// Formats on two threads and on one, each load in its own process after a warm-up load of the same file, the
    /// three alternating case by case in a rotating order, round after round.
    /// </summary>
    private static List<Result> RunBig(string python, string script, string dataDir, RunConfig config)
    {
        Log($"B2: writing the {config.BigMiB} MiB members with np.savez_compressed");
        RunChild("numpy biggen", Python(python, script, "biggen", "--dir", dataDir, "--big-mib", S(config.BigMiB)), null);
        string[] tools = ["numpy", "formats-t2", "formats-t1", "formats-t1-zlib"];
        var big = new List<Result>();
        for (var round = 0; round < config.BigRounds; round++)
        {
            foreach (var @case in Suite.BigCases)
            {
                var order = tools.Skip(round % tools.Length).Concat(tools.Take(round % tools.Length));
                foreach (var tool in order)
                {
                    Log($"B2 round {round + 1}/{config.BigRounds}: {@case} {tool}");
                    RunChild($"{tool} big", tool == "numpy"
                        ? Python(python, script, "big", "--dir", dataDir, "--case", @case, "--reps", "2")
                        : Self(["worker", "--tool", "formats", "--suite", "big", "--dir", dataDir, "--reps", "2", "--case", @case,
                            "--threads", tool == "formats-t2" ? "2" : "1", .. tool == "formats-t1-zlib" ? new[] { "--zlib" } : []]), big);
                }
            }
        }

        foreach (var @case in Suite.BigCases)
        {
            File.Delete(Path.Combine(dataDir, $"big_{@case}.npz"));
        }

        return [.. Merge(big)];
    }

    /// <summary>Joins the rounds: the runs of one tool, operation and case become one figure.</summary>
    private static IEnumerable<Result> Merge(List<Result> results) =>
        results.GroupBy(r => (r.Tool, r.Op, r.Case)).Select(g =>
        {
            var timed = g.Where(r => r.Times is { Count: > 0 }).ToList();
            return timed.Count == 0
                ? g.First()
                : timed[0] with
                {
                    Times = [.. timed.SelectMany(r => r.Times!)],
                    Warmup = [.. timed.SelectMany(r => r.Warmup ?? [])],
                    PeakRssKiB = timed.Any(r => r.PeakRssKiB is not null) ? [.. timed.SelectMany(r => r.PeakRssKiB ?? [])] : null,
                };
        });

    /// <summary>Runs a child to completion, passing its stderr through and collecting its JSON result lines.</summary>
    private static void RunChild(string name, ProcessStartInfo info, List<Result>? results)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = false;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith('{') && Emit.Parse(line) is { } result)
            {
                results?.Add(result);
                Log($"    {Report.OneLine(result)}");
            }
            else if (line.Length > 0)
            {
                Log($"    {name}: {line}");
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Log($"  {name} exited with {process.ExitCode}");
            results?.Add(new Result { Tool = name.Split(' ')[0], Op = "worker", Case = name, Unavailable = $"{name} exited with code {process.ExitCode}" });
        }
    }

    private static ProcessStartInfo Python(string python, string script, params string[] args)
    {
        var info = new ProcessStartInfo(python) { ArgumentList = { script } };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // As bench/README.md says: these two slow a current NumPy down; unset them for this command alone.
        info.Environment.Remove("OPENBLAS_CORETYPE");
        info.Environment.Remove("OPENBLAS_L2_SIZE");
        return info;
    }

    private static ProcessStartInfo Self(params string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    /// <summary>Byte-compares the NPY files each tool wrote from the same array (outside any timing), then deletes them.</summary>
    private static IEnumerable<string> CompareOutputs(string dataDir)
    {
        var reference = Path.Combine(dataDir, "out_numpy.npy");
        var lines = new List<string>();
        foreach (var tool in new[] { "formats", "numsharp" })
        {
            var other = Path.Combine(dataDir, $"out_{tool}.npy");
            lines.Add(!File.Exists(reference) || !File.Exists(other)
                ? $"{tool}: no file to compare"
                : SameBytes(reference, other) ? $"{tool}: byte-identical to np.save's file" : $"{tool}: **differs** from np.save's file");
        }

        foreach (var f in Directory.EnumerateFiles(dataDir, "out_*.npy"))
        {
            File.Delete(f);
        }

        return lines;
    }

    private static bool SameBytes(string a, string b)
    {
        using var fa = File.OpenRead(a);
        using var fb = File.OpenRead(b);
        if (fa.Length != fb.Length)
        {
            return false;
        }

        var ba = new byte[16 << 20];
        var bb = new byte[16 << 20];
        while (true)
        {
            var na = fa.ReadAtLeast(ba, ba.Length, throwOnEndOfStream: false);
            var nb = fb.ReadAtLeast(bb, bb.Length, throwOnEndOfStream: false);
            if (na != nb || !ba.AsSpan(0, na).SequenceEqual(bb.AsSpan(0, nb)))
            {
                return false;
            }

            if (na == 0)
            {
                return true;
            }
        }
    }

    private static string FindBenchDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bench", "numpy_bench.py")))
            {
                return Path.Combine(dir.FullName, "bench");
            }
        }

        throw new InvalidOperationException("cannot find bench/numpy_bench.py; pass --bench-dir");
    }

    internal static void Log(string message) => Console.Error.WriteLine(message);

    /// <summary>The page-cache limits, timed by <c>dd</c> itself (its own clock covers the copy alone).</summary>
    private static partial class PageCache
    {
        public static IEnumerable<Result> Limits(string dataDir, RunConfig config)
        {
            var src = Suite.BigInput(dataDir);
            var bytes = new FileInfo(src).Length;
            var target = Path.Combine(dataDir, "dd.bin");
            var count = (int)(((long)config.NpyMiB << 20) / (16 << 20));
            var results = new List<Result>
            {
                Series("npy.write", config.RepsPerRound, $"dd if=/dev/zero of=FILE bs=16M count={count} (after rm FILE; sync)",
                    () => Measure.Fresh(target), "if=/dev/zero", $"of={target}", "bs=16M", $"count={count}"),
                Series("npy.read", config.RepsPerRound, "dd if=big.npy of=/dev/null bs=16M (warm cache)",
                    null, $"if={src}", "of=/dev/null", "bs=16M"),
            };
            File.Delete(target);
            if (config.Cold)
            {
                results.Add(Series("npy.read.cold", config.RepsPerRound, "dd if=big.npy of=/dev/null bs=16M (after sync; echo 3 > drop_caches)",
                    Measure.DropCaches, $"if={src}", "of=/dev/null", "bs=16M"));
                // Leave the input warm for the tools' warm reads, as a write would have.
                Dd($"if={src}", "of=/dev/null", "bs=16M");
            }

            foreach (var r in results)
            {
                yield return r with { Bytes = bytes };
            }
        }

        private static Result Series(string op, int reps, string api, Action? before, params string[] args)
        {
            var times = new List<double>();
            var warm = new List<double>();
            var warmups = op == "npy.write" ? 2 : 1;
            for (var i = 0; i < reps + warmups; i++)
            {
                before?.Invoke();
                (i < warmups ? warm : times).Add(Dd(args));
            }

            var result = new Result { Tool = "dd", Op = op, Case = "big", Times = times, Warmup = warm, Api = api };
            Log($"    {Report.OneLine(result)}");
            return result;
        }

        private static double Dd(params string[] args)
        {
            var info = new ProcessStartInfo("dd") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["LC_ALL"] = "C";
            using var p = Process.Start(info)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var m = DdSeconds().Match(err);
            return p.ExitCode == 0 && m.Success
                ? double.Parse(m.Groups[1].Value, Inv)
                : throw new InvalidOperationException($"dd failed: {err}");
        }

        [GeneratedRegex(@"copied, ([0-9.e+-]+) s,")]
        private static partial Regex DdSeconds();
    }
}

/// <summary>Sizes and repetitions of one run.</summary>
internal sealed record RunConfig
{
    public bool Quick { get; init; }

    /// <summary>Timed runs per tool and operation over all rounds (NPY).</summary>
    public int Reps { get; init; }

    /// <summary>Rounds of the NPY part; each runs every tool once, in a rotating order.</summary>
    public int Rounds { get; init; }

    public int RepsPerRound => (Reps + Rounds - 1) / Rounds;

    /// <summary>Fresh processes per tool that each time one large read.</summary>
    public int FirstReads { get; init; }

    /// <summary>Timed runs per tool and operation in the NPZ part (one round: its slow cases take seconds per run).</summary>
    public int NpzReps { get; init; }

    public bool Cold { get; init; }

    public int NpyMiB { get; init; }

    public int NpzValues { get; init; }

    public int SignalMiB { get; init; }

    public string? Only { get; init; }

    /// <summary>Rows of section C's float32 (rows, 1024) file: 2^20 + 1 (a bit over 4 GiB), 2^16 + 1 (256 MiB) in quick mode.</summary>
    public long MmapRows { get; init; }

    /// <summary>Section B2: MiB per NumPy-written compressed member.</summary>
    public int BigMiB { get; init; }

    /// <summary>Section B2: rounds, each loading every case once per tool.</summary>
    public int BigRounds { get; init; }

    /// <summary>Section C: whole-process one-row extractions per tool per round.</summary>
    public int ProcessRunsPerRound { get; init; }
}
