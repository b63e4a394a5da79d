namespace Formats.Bench;

/// <summary>
/// Entry point. <c>run [--quick] [--no-cold] [--reps N] [--only npy|npz|mmap]</c> runs the whole comparison (bench/run.sh
/// calls it); <c>worker --tool formats|numsharp --suite npy|npz|first|mmap --dir D --reps N [--cold]</c> times one tool.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: Formats.Bench run [--quick] [--no-cold] [--reps N] [--only npy|npz|mmap] [--bench-dir DIR] [--python PATH]");
            Console.Error.WriteLine("       Formats.Bench worker --tool formats|numsharp --suite npy|npz|first|mmap --dir DIR --reps N [--cold]");
            return 2;
        }

        var options = ParseOptions(args.AsSpan(1));
        switch (args[0])
        {
            case "run":
                return Orchestrator.Run(options);
            case "worker":
                var o = new WorkerOptions(options["dir"], int.Parse(options["reps"], System.Globalization.CultureInfo.InvariantCulture), options.ContainsKey("cold"))
                {
                    Case = options.GetValueOrDefault("case"),
                    Threads = options.TryGetValue("threads", out var threads) ? int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture) : 0,
                    Zlib = options.ContainsKey("zlib"),
                };
                Action<WorkerOptions> worker = (options["tool"], options["suite"]) switch
                {
                    ("formats", "npy") => FormatsWorker.Npy,
                    ("formats", "npz") => FormatsWorker.Npz,
                    ("formats", "big") => FormatsWorker.Big,
                    ("numsharp", "npy") => NumSharpWorker.Npy,
                    ("numsharp", "npz") => NumSharpWorker.Npz,
                    ("syscall", "npy") => SyscallWorker.Npy,
                    ("formats", "first") => FormatsWorker.First,
                    ("formats", "mmap") => MmapWorker.Run,
                    ("numsharp", "first") => NumSharpWorker.First,
                    var (tool, suite) => throw new ArgumentException($"no worker for {tool}/{suite}"),
                };
                worker(o);
                return 0;
            default:
                Console.Error.WriteLine($"unknown command {args[0]}");
                return 2;
        }
    }

    /// <summary>Parses <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument {args[i]}");
            }

            var name = args[i][2..];
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                result[name] = args[++i];
            }
            else
            {
                result[name] = "";
            }
        }

        return result;
    }
}
