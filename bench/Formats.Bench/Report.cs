using System.Globalization;
using System.Text;

namespace Formats.Bench;

/// <summary>Renders the results as markdown: the two comparison tables with ratios and goals, then every figure.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Case, string Label)[] NpzCaseLabels =
    [
        ("ones_i4", "int32 all ones"),
        ("arange_i4", "int32 ascending"),
        ("random_i4", "int32 random [1, 1e6)"),
        ("arange_noise_i4", "int32 ascending + noise [1, 20)"),
        ("random255_i4", "int32 random [0, 255)"),
        ("random255_u1", "uint8 random [0, 255)"),
        ("signal_f4", "float32 noisy sine"),
    ];

    public static string Render(List<Result> results, RunConfig config, MachineInfo machine, List<string> identity, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        var goals = new List<(string What, bool? Met)>();
        md.AppendLine(Inv, $"# Formats benchmark ({(config.Quick ? "quick" : "full")} run)");
        md.AppendLine();
        md.AppendLine(Inv, $"- Machine: {machine.Cpu}, {machine.Cores} cores, {machine.Memory} RAM, Linux {machine.Kernel}; files on `{machine.FileSystem}`");
        md.AppendLine(Inv, $"- Tools: Formats on {machine.Runtime}; NumPy: {machine.NumPy} (/usr/bin/python3, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it); NumSharp {machine.NumSharp} (NuGet)");
        md.AppendLine(Inv, $"- Load average before / after: {machine.LoadBefore} / {machine.LoadAfter} (other work shares this machine: read the spread in the details)");
        md.AppendLine(Inv, $"- Each figure is the median of its timed runs, each timed inside the tool's own process around the operation alone (process start, imports and input loading excluded), after a warm-up run per process (two for whole-array writes and reads: on this VM the first one or two in a process often meet memory the host has taken back). " +
            $"NPY: {config.Rounds} round(s) × {config.RepsPerRound} runs = {config.Rounds * config.RepsPerRound} runs per tool and operation, the tools interleaved round by round in a rotating order; row reads: {Suite.RowReps} reads per round after ≥ {Suite.RowWarmup} warm-ups and ≥ 0.3 s. " +
            $"NPZ: {config.NpzReps} runs per figure (fast operations warm up for ≥ 0.3 s, for the .NET tiered JIT, and repeat until ~0.5 s was timed). Run took {elapsed.TotalMinutes:F1} min.");
        md.AppendLine();

        if (results.Any(r => r.Op.StartsWith("npy", StringComparison.Ordinal)))
        {
            RenderNpy(md, results, config, identity, goals);
        }

        if (results.Any(r => r.Op.StartsWith("npz", StringComparison.Ordinal)))
        {
            RenderNpz(md, results, config, goals);
        }

        if (results.Any(r => r.Op.StartsWith("npzbig", StringComparison.Ordinal)))
        {
            RenderBig(md, results, config, goals);
        }

        if (results.Any(r => r.Op.StartsWith("mmap", StringComparison.Ordinal)))
        {
            RenderMmap(md, results, config, goals);
        }

        var judged = goals.Where(g => g.Met is not null).ToList();
        md.AppendLine("## Goals");
        md.AppendLine();
        md.AppendLine(Inv, $"{judged.Count(g => g.Met == true)} of {judged.Count} judged goals met; {goals.Count - judged.Count} could not be judged (a figure is missing).");
        foreach (var (what, _) in goals.Where(g => g.Met == false))
        {
            md.AppendLine(Inv, $"- **missed**: {what}");
        }

        var unjudged = goals.Where(g => g.Met is null).ToList();
        if (unjudged.Count > 0 && results.Any(r => r.Tool == "formats" && r.Unavailable?.StartsWith("npz: not available", StringComparison.Ordinal) == true))
        {
            md.AppendLine(Inv, $"- not judged: the {unjudged.Count} NPZ goals — npz: not available (no format named npz is registered in this build)");
        }
        else
        {
            foreach (var (what, _) in unjudged)
            {
                md.AppendLine(Inv, $"- not judged: {what}");
            }
        }

        md.AppendLine();
        RenderDetails(md, results);
        return md.ToString();
    }

    public static string OneLine(Result r) => r.Unavailable is not null
        ? $"{r.Tool} {r.Op} {r.Case}: {r.Unavailable}"
        : $"{r.Tool} {r.Op} {r.Case}: median {Time(r.Median)} (min {Time(r.Times!.Min())}, max {Time(r.Times!.Max())}, n={r.Times!.Count})";

    private static void RenderNpy(StringBuilder md, List<Result> results, RunConfig config, List<string> identity, List<(string, bool?)> goals)
    {
        var big = results.FirstOrDefault(r => r.Op == "npy.read" && r.Tool == "formats")?.Bytes ?? ((long)config.NpyMiB << 20);
        md.AppendLine(Inv, $"## A. NPY: float32 ({big / (Suite.RowWidth * 4L):N0}, {Suite.RowWidth}), {Size(big)} of data");
        md.AppendLine();
        md.AppendLine("| operation | Formats | NumPy | NumSharp | page cache (dd) | plain syscall | Formats ÷ NumPy | best-of: Formats ÷ NumPy (min ÷ min) | Formats ÷ NumSharp | Formats ÷ dd (share of dd bandwidth) | Formats ÷ syscall | goal | met |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var rows = new List<(string Op, string PeerOp, string Label, double? MaxVsNumPy, bool VsDd)>
        {
            ("npy.write", "npy.write", "write (new file; dirty pages synced before each run)", 1.0, true),
            ("npy.read", "npy.read", "read whole array, warm page cache, repeated in one process", 0.9, true),
        };
        rows.Add(("npy.read.first", "npy.read.first", "read whole array, warm page cache, first large read in a fresh process (one per process)", null, false));
        if (config.Cold)
        {
            rows.Add(("npy.read.cold", "npy.read.cold", "read whole array, cold (caches dropped before each run)", 0.9, true));
        }

        rows.Add(("npy.rows", "npy.rows", "rows [1000, 1001): NumPy & NumSharp via np.load(mmap_mode='r')[1000:1001].copy()", 0.9, false));
        rows.Add(("npy.rows", "npy.rows.full", "rows [1000, 1001): NumPy & NumSharp via full np.load then slice", null, false));

        foreach (var (op, peerOp, label, maxVsNumPy, vsDd) in rows)
        {
            var f = Find(results, "formats", op);
            var np = Find(results, "numpy", peerOp);
            var ns = Find(results, "numsharp", peerOp);
            var dd = vsDd ? Find(results, "dd", op) : null;
            var sys = vsDd ? Find(results, "syscall", op) : null;
            var vsNumPy = Ratio(f, np);
            var vsDdRatio = Ratio(f, dd);
            string goal;
            bool? met;
            if (maxVsNumPy is { } max)
            {
                goal = vsDd ? $"≤ {max:F1}× NumPy and ≥ 80 % of dd" : $"≤ {max:F1}× NumPy";
                met = vsNumPy is null || (vsDd && vsDdRatio is null) ? null : vsNumPy <= max && (!vsDd || 1 / vsDdRatio >= 0.8);
                goals.Add(($"NPY {label}: {goal} (Formats ÷ NumPy {Fmt(vsNumPy)}{(vsDd ? $", {Share(vsDdRatio)} of dd" : "")})", met));
            }
            else
            {
                goal = "(no goal; for scale)";
                met = null;
            }

            md.AppendLine(Inv, $"| {label} | {Cell(f)} | {Cell(np)} | {Cell(ns)} | {(vsDd ? Cell(dd) : "—")} | {(sys is null ? "—" : Cell(sys))} | {Fmt(vsNumPy)} | {Fmt(MinRatio(f, np))} | {Fmt(Ratio(f, ns))} | " +
                $"{(vsDd ? $"{Fmt(vsDdRatio)} ({Share(vsDdRatio)})" : "—")} | {Fmt(Ratio(f, sys))} | {goal} | {Met(met, maxVsNumPy is null)} |");
        }

        md.AppendLine();
        if (Find(results, "syscall", "npy.read.fresh") is { Times.Count: > 0 } fresh)
        {
            md.Append("Plain syscall = open + one pwrite/pread of the whole file from/into a buffer that is already in memory and reused (no header, no allocation). ");
            md.Append(Inv, $"A loader that returns a *new* array also pays for fresh memory: pread into newly allocated memory takes {Cell(fresh)} here ");
            md.Append(Inv, $"(Formats ÷ that: {Fmt(Ratio(Find(results, "formats", "npy.read"), fresh))}). NumPy and NumSharp allocate fresh memory for every load; ");
            md.AppendLine("Formats' arrays up to 1 GiB live in the managed heap, which reuses memory freed by an earlier array in the same process, so its repeated reads skip most page faults; its first large read in a process pays them (the first-read row). " +
                "Formats reads data of 16 MiB and more in single-array files with one positional read per core (here 2); NumPy, NumSharp and dd use one thread.");
            md.AppendLine();
        }

        md.AppendLine("Goals are judged on medians. The best-of column (fastest run ÷ fastest run) is the least disturbed comparison on a shared machine. " +
            "On this VM, memory the guest frees is handed back to the host (virtio-balloon free page reporting), so the first use of memory or page cache after a pause can take several times longer: " +
            "that is the spread in the min/max columns below, and why the first run in each process is a warm-up.");
        md.AppendLine();
        md.AppendLine("Written files compared byte for byte with np.save's (outside the timing): " + (identity.Count == 0 ? "not compared" : string.Join("; ", identity)) + ".");
        md.AppendLine();
        md.AppendLine("Page-cache state: writes go to a new file after `sync` (so no earlier dirty pages are being flushed); warm reads read " +
            "the input NumPy wrote (its pages cached, as after a write); cold reads run `sync; echo 3 > /proc/sys/vm/drop_caches` before every run. " +
            "dd: `dd if=/dev/zero of=FILE bs=16M` (write) and `dd if=FILE of=/dev/null bs=16M` (read), timed by dd itself.");
        md.AppendLine();
    }

    private static void RenderNpz(StringBuilder md, List<Result> results, RunConfig config, List<(string, bool?)> goals)
    {
        md.AppendLine(Inv, $"## B. NPZ: one array per file (`arr_0`), {config.NpzValues:N0} values per case; noisy sine {config.SignalMiB} MiB float32");
        md.AppendLine();
        md.AppendLine("| case | operation | Formats | NumPy | NumSharp | Formats ÷ NumPy | Formats ÷ NumSharp | size Formats | size NumPy | size NumSharp | size Formats ÷ NumPy | goal | met |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var ops = new (string Op, string Label, double Max)[]
        {
            ("npz.write.stored", "savez (stored)", 0.8),
            ("npz.write.compressed", "savez_compressed (deflate)", 0.5),
            ("npz.read.stored", "load stored", 0.5),
            ("npz.read.compressed", "load compressed", 0.5),
        };
        foreach (var (@case, caseLabel) in NpzCaseLabels)
        {
            foreach (var (op, label, max) in ops)
            {
                var f = Find(results, "formats", op, @case);
                var np = Find(results, "numpy", op, @case);
                var ns = Find(results, "numsharp", op, @case);
                if (f is null && np is null && ns is null)
                {
                    continue;
                }

                var ratio = Ratio(f, np);
                var isWrite = op.Contains(".write.", StringComparison.Ordinal);
                var sizeRatio = isWrite && f?.FileBytes is { } fs && np?.FileBytes is { } ns0 ? (double)fs / ns0 : (double?)null;
                var compressed = op == "npz.write.compressed";
                var goal = compressed ? $"≤ {max:F1}× NumPy, size ≤ 1.01× NumPy" : $"≤ {max:F1}× NumPy";
                bool? met = ratio is null || (compressed && sizeRatio is null) ? null : ratio <= max && (!compressed || sizeRatio <= 1.01);
                goals.Add(($"NPZ {caseLabel} {label}: {goal} (Formats ÷ NumPy {Fmt(ratio)}{(compressed ? $", size {Fmt(sizeRatio, "F4")}" : "")})", met));
                md.AppendLine(Inv, $"| {caseLabel} | {label} | {Cell(f)} | {Cell(np)} | {Cell(ns)} | {Fmt(ratio)} | {Fmt(Ratio(f, ns))} | " +
                    $"{(isWrite ? Bytes(f) : "")} | {(isWrite ? Bytes(np) : "")} | {(isWrite ? Bytes(ns) : "")} | {(isWrite ? Fmt(sizeRatio, "F4") : "")} | {goal} | {Met(met, false)} |");
            }

            // Formats loading the file NumPy wrote, against NumPy loading it (the same file): for scale, no goal.
            if (Find(results, "formats", "npz.read.numpy_file", @case) is { } fromNumPy)
            {
                var np = Find(results, "numpy", "npz.read.compressed", @case);
                md.AppendLine(Inv, $"| {caseLabel} | load NumPy's savez_compressed file (one deflate stream, no restart index) | {Cell(fromNumPy)} | {Cell(np)} | — | " +
                    $"{Fmt(Ratio(fromNumPy, np))} | | | | | | (no goal; for scale) |  |");
            }
        }

        md.AppendLine();
        md.AppendLine("NPZ writes go to a new file after `sync`; reads read the file the same tool just wrote (warm page cache), except the " +
            "\"load NumPy's savez_compressed file\" rows, where Formats reads the file NumPy wrote and NumPy's figure is its own load of that file. " +
            "Compression: each tool's default (NumPy: zlib level 6; NumSharp: whatever its savez_compressed uses; Formats: WriteRequest { Compress = true }).");
        md.AppendLine();
    }

    private static void RenderBig(StringBuilder md, List<Result> results, RunConfig config, List<(string, bool?)> goals)
    {
        md.AppendLine(Inv, $"## B2. Loading NumPy's own compressed archives: `np.savez_compressed` members of {config.BigMiB} MiB (one plain deflate stream each, no restart index)");
        md.AppendLine();
        md.Append(Inv, $"{config.BigRounds} round(s); in each, every case is loaded by NumPy (`np.load(path)['arr_0']`) and by Formats on 2 threads, on 1 thread, and on 1 thread with zlib only ");
        md.AppendLine("(`ArrayFiles.Read(path, new ReadRequest { Member = \"arr_0\" })` with `ArrayFormatsOptions.MaxDegreeOfParallelism` 2 or 1; by default the library inflates a stream without an index " +
            "in parallel on 2 threads, and with its own decoder on 1 where that beats zlib; \"zlib\" sets the switch `Formats.Compression.IndexFreeParallelInflate` off, leaving .NET's DeflateStream (zlib-ng) on one thread), " +
            "each in its own process (a warm-up load of the same file, then 2 timed loads, the last array's memory returned to the OS before each, " +
            "as NumPy's munmap returns it), the four in a rotating order. Peak RSS: the whole process's (VmHWM / ru_maxrss), the largest over its runs.");
        md.AppendLine();
        md.AppendLine("| case | NumPy | Formats 2 threads | ÷ NumPy | best-of | Formats 1 thread | ÷ NumPy | Formats 1 thread, zlib | ÷ NumPy | 2 threads ÷ 1 thread (own / zlib) | peak RSS NumPy / 2 threads / 1 thread / zlib (MiB) | goal | met |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var @case in Suite.BigCases)
        {
            var np = Find(results, "numpy", "npzbig.read", @case);
            var t2 = Find(results, "formats", "npzbig.read.t2", @case);
            var t1 = Find(results, "formats", "npzbig.read.t1", @case);
            var zlib = Find(results, "formats", "npzbig.read.t1.zlib", @case);
            var ratio = Ratio(t2, np);
            bool? met = ratio is null || Ratio(t2, t1) is not { } vsOne || Ratio(t2, zlib) is not { } vsZlib ? null : ratio <= 0.5 && vsOne <= 1.05 && vsZlib <= 1.05;
            goals.Add(($"B2 {@case}: ≤ 0.5× NumPy and not slower than one thread (2 threads ÷ NumPy {Fmt(ratio)}, ÷ 1 thread {Fmt(Ratio(t2, t1))}, ÷ 1 thread zlib {Fmt(Ratio(t2, zlib))})", met));
            md.AppendLine(Inv, $"| {@case} | {Cell(np)} | {Cell(t2)} | {Fmt(ratio)} | {Fmt(MinRatio(t2, np))} | {Cell(t1)} | {Fmt(Ratio(t1, np))} | {Cell(zlib)} | {Fmt(Ratio(zlib, np))} | " +
                $"{Fmt(Ratio(t2, t1))} / {Fmt(Ratio(t2, zlib))} | {PeakMiB(np)} / {PeakMiB(t2)} / {PeakMiB(t1)} / {PeakMiB(zlib)} | ≤ 0.5× NumPy, ≤ 1 thread | {Met(met, false)} |");
        }

        md.AppendLine();
    }

    private static string PeakMiB(Result? r) => r?.PeakRssKiB is { Count: > 0 } rss ? (rss.Max() / 1024.0).ToString("F0", Inv) : "—";

    private static void RenderMmap(StringBuilder md, List<Result> results, RunConfig config, List<(string, bool?)> goals)
    {
        var rows = config.MmapRows;
        var fileBytes = Find(results, "dd", "mmap.warm", "mm")?.Bytes ?? rows * Suite.RowWidth * 4;
        md.AppendLine(Inv, $"## C. Memory-mapped access: float32 ({rows:N0}, {Suite.RowWidth}) NPY, {Size(fileBytes)}{(config.Quick ? " (quick run: a small file, so offsets stay below 4 GiB; the full run maps a file of a bit over 4 GiB)" : ", so the last rows lie past 4 GiB (64-bit offsets)")}");
        md.AppendLine();
        var warm = Cell(Find(results, "dd", "mmap.warm", "mm"));
        md.AppendLine(Inv, $"Written once by NumPy (`open_memmap`, the same bytes as `np.save`), read once with dd before every round (warm page cache: {warm} per read). " +
            $"{config.Rounds} round(s); in each, the NumPy worker, the Formats worker and the whole-process pairs run in a rotating order, each worker in its own process, which maps the file once outside the clock (`np.load(path, mmap_mode='r')` / `files.Map(path)`); " +
            $"its warm-up runs fault the pages in, as a program that keeps a mapping open sees them.");
        md.AppendLine();
        md.AppendLine("| operation | Formats | NumPy | Formats ÷ NumPy | best-of (min ÷ min) | goal | met |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        var ops = new (string FOp, string NOp, string Label, double? Max)[]
        {
            ("mmap.rows.loop", "mmap.rows.loop", $"(a) {Orchestrator.MmapRandomRows:N0} random rows (seeded, same for both), each copied out: NumPy `for i in idx: m[i].copy()`, Formats `m.AsSpan<float>(i * 1024, 1024).ToArray()`", 0.5),
            ("mmap.rows.fancy", "mmap.rows.fancy", "(a′) the same rows into one new (n, 1024) array: NumPy `m[idx]`, Formats a copy loop into a new buffer", null),
            ("mmap.rows.sorted", "mmap.rows.sorted", "(a″) the same, rows sorted: NumPy `m[np.sort(idx)]` (the fair vectorised baseline)", null),
            ("mmap.colsum", "mmap.colsum", $"(b) sum of column {MmapWorker.Column} over all rows: NumPy `m[:, 7].sum()` (float32, pairwise), Formats float64 over the mapped pointer, Parallel.For ({Environment.ProcessorCount} cores)", 0.5),
            ("mmap.colsum.1t", "mmap.colsum", "(b′) the same, Formats on one thread", null),
            ("mmap.colsum", "mmap.colsum.f64", "(b″) the same, NumPy `m[:, 7].sum(dtype=np.float64)`", null),
        };
        foreach (var (fOp, nOp, label, max) in ops)
        {
            var f = Find(results, "formats", fOp, "mm");
            var np = Find(results, "numpy", nOp, "mm");
            var ratio = Ratio(f, np);
            string goal = max is { } m ? $"≤ {m:F1}× NumPy" : "(no goal; for scale)";
            bool? met = max is null || ratio is null ? null : ratio <= max;
            if (max is not null)
            {
                goals.Add(($"MMAP {label.Split(':')[0]}: {goal} (Formats ÷ NumPy {Fmt(ratio)})", met));
            }

            md.AppendLine(Inv, $"| {label} | {Cell(f)} | {Cell(np)} | {Fmt(ratio)} | {Fmt(MinRatio(f, np))} | {goal} | {Met(met, max is null)} |");
        }

        md.AppendLine();
        var fs = Find(results, "formats", "mmap.colsum", "mm")?.Value;
        var ns = Find(results, "numpy", "mmap.colsum", "mm")?.Value;
        var f64 = Find(results, "numpy", "mmap.colsum.f64", "mm")?.Value;
        if (fs is { } a && ns is { } b)
        {
            var rel = Math.Abs(a - b) / Math.Max(Math.Abs(b), double.Epsilon);
            var ok = rel <= 1e-4;
            md.AppendLine(Inv, $"Column sum check: Formats (float64) {a:R}, NumPy float32 pairwise {b:R}{(f64 is { } c ? $", NumPy float64 {c:R}" : "")}; relative difference {rel:E2} " +
                $"({(ok ? "agree" : "**disagree**")} to 1e-4).");
            goals.Add(($"MMAP (b) column sums agree to a relative 1e-4 (relative difference {rel:E2})", ok));
            md.AppendLine();
        }

        var fp = Find(results, "formats", "mmap.process", "mm");
        var np0 = Find(results, "numpy", "mmap.process", "mm");
        if (fp is not null && np0 is not null)
        {
            var row = rows - 1;
            md.AppendLine(Inv, $"(c) One row ({row:N0}, the last) extracted by a whole process, wall time from start to exit (start-up included) and peak RSS (`/usr/bin/time -f %M`), the two commands alternating; the first run of each is a warm-up:");
            md.AppendLine();
            md.AppendLine("| tool | command | wall time median (min–max, runs) | peak RSS median (max) |");
            md.AppendLine("|---|---|---|---|");
            foreach (var r in new[] { fp, np0 })
            {
                md.AppendLine(Inv, $"| {(r.Tool == "formats" ? "Formats" : "NumPy")} | {Code(r.Api)} | {(r.Times is { Count: > 0 } ? $"{Time(r.Median)} ({Time(r.Times.Min())}–{Time(r.Times.Max())}, {r.Times.Count})" : "—")} | {Rss(r)} |");
            }

            md.AppendLine();
            var ratio = Ratio(fp, np0);
            var rss = fp.PeakRssKiB is { Count: > 0 } list ? list.Max() / 1024.0 : (double?)null;
            var identical = fp.Value == 1;
            md.AppendLine(Inv, $"Formats ÷ NumPy wall time {Fmt(ratio)} (best-of {Fmt(MinRatio(fp, np0))}); outputs {(identical ? "byte-identical" : "**differ**")}.");
            md.AppendLine();
            goals.Add(($"MMAP (c) one row by a whole process: ≤ 1× NumPy time (Formats ÷ NumPy {Fmt(ratio)})", ratio is null ? null : ratio <= 1.0));
            goals.Add(($"MMAP (c) one row by a whole process: Formats' peak RSS < 100 MiB (largest {(rss is { } x ? $"{x:F1} MiB" : "—")})", rss is null ? null : rss < 100));
            goals.Add(("MMAP (c) the two one-row files are byte-identical", identical));
        }
    }

    private static string Rss(Result r) => r.PeakRssKiB is { Count: > 0 } kib
        ? $"{Stats.Median(kib.Select(k => (double)k).ToList()) / 1024:F1} MiB ({kib.Max() / 1024.0:F1} MiB)"
        : "—";

    private static void RenderDetails(StringBuilder md, List<Result> results)
    {
        md.AppendLine("## Every figure");
        md.AppendLine();
        md.AppendLine("| tool | operation | case | median | min | max | runs | warm-up | API |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            if (r.Unavailable is not null)
            {
                md.AppendLine(Inv, $"| {r.Tool} | {r.Op} | {r.Case} | {r.Unavailable} | | | | | {Code(r.Api)} |");
                continue;
            }

            md.AppendLine(Inv, $"| {r.Tool} | {r.Op} | {r.Case} | {Time(r.Median)} | {Time(r.Times!.Min())} | {Time(r.Times!.Max())} | {r.Times!.Count} | " +
                $"{string.Join(", ", (r.Warmup ?? []).Take(3).Select(Time))}{((r.Warmup?.Count ?? 0) > 3 ? ", …" : "")} | {Code(r.Api)} |");
        }

        md.AppendLine();
    }

    private static Result? Find(List<Result> results, string tool, string op, string @case = "big") =>
        results.LastOrDefault(r => r.Tool == tool && r.Op == op && r.Case == @case);

    private static double? Ratio(Result? a, Result? b) =>
        a?.Times is { Count: > 0 } && b?.Times is { Count: > 0 } ? a.Median / b.Median : null;

    private static double? MinRatio(Result? a, Result? b) =>
        a?.Times is { Count: > 0 } && b?.Times is { Count: > 0 } ? a.Times.Min() / b.Times.Min() : null;

    private static string Cell(Result? r)
    {
        if (r is null)
        {
            return "—";
        }

        if (r.Unavailable is not null)
        {
            return r.Unavailable.StartsWith("npz: not available", StringComparison.Ordinal) ? "npz: not available" : $"n/a ({r.Unavailable})";
        }

        var t = r.Median;
        return r.Bytes >= 1 << 20 ? $"{Time(t)} · {r.Bytes / t / (1 << 30):F2} GiB/s" : Time(t);
    }

    private static string Met(bool? met, bool informational) => informational ? "" : met switch
    {
        true => "yes",
        false => "**no**",
        null => "not judged",
    };

    private static string Share(double? ratio) => ratio is { } r ? $"{100 / r:F0} %" : "—";

    private static string Fmt(double? value, string format = "F2") => value is { } v ? v.ToString(format, Inv) + "×" : "—";

    private static string Bytes(Result? r) => r?.FileBytes is { } b ? b.ToString("N0", Inv) : "—";

    private static string Code(string? api) => api is null ? "" : $"`{api.Replace("|", "\\|", StringComparison.Ordinal)}`";

    public static string Time(double seconds) => seconds switch
    {
        < 1e-3 => $"{seconds * 1e6:F1} µs",
        < 1 => $"{seconds * 1e3:F1} ms",
        _ => $"{seconds:F2} s",
    };

    private static string Size(long bytes) => bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):F2} GiB" : $"{bytes / (double)(1 << 20):F0} MiB";
}
