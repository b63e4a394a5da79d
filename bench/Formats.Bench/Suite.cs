namespace Formats.Bench;

/// <summary>What every tool measures; names match bench/numpy_bench.py.</summary>
internal static class Suite
{
    public const long RowStart = 1000;
    public const long RowStop = 1001;
    public const int RowWidth = 1024;
    public const int RowReps = 200;
    public const int RowWarmup = 20;

    /// <summary>Arrays at or above this size get exactly <c>reps</c> timed runs; smaller ones repeat for about half a second.</summary>
    public const long Heavy = 32 << 20;

    public static readonly string[] NpzCases = ["ones_i4", "arange_i4", "random_i4", "arange_noise_i4", "random255_i4", "random255_u1", "signal_f4"];

    public static readonly string[] NpzModes = ["stored", "compressed"];

    /// <summary>Section B2's NumPy-written compressed members (bench/numpy_bench.py, BIG_CASES).</summary>
    public static readonly string[] BigCases = ["arange_i4", "arange_noise_i4", "random255_i4", "random255_u1", "signal_f4", "ones_i4"];

    public static string BigInput(string dir) => Path.Combine(dir, "big.npy");

    public static string NpzInput(string dir, string @case) => Path.Combine(dir, $"in_{@case}.npy");
}

/// <summary>Options of a worker process.</summary>
internal sealed record WorkerOptions(string Dir, int Reps, bool Cold)
{
    /// <summary>The one case a worker times (section B2), or null.</summary>
    public string? Case { get; init; }

    /// <summary>Threads the library may use (section B2); 0: its default.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Section B2: inflate with zlib (.NET's DeflateStream) only, our own decoder switched off, for the
    /// single-thread baseline the issue names.
    /// </summary>
    public bool Zlib { get; init; }
}
