namespace Formats.Host.Worker;

/// <summary>
/// Settings of <c>formats worker</c>, bound from the configuration section <see cref="SectionName"/>
/// (appsettings.json, <c>FORMATS_Formats__Worker__*</c> environment variables, then the command line).
/// </summary>
internal sealed class WorkerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Formats:Worker";

    /// <summary>The folder producers drop files into (complete files only: write elsewhere, then rename in).</summary>
    public string Inbox { get; set; } = "";

    /// <summary>The folder converted files are committed to.</summary>
    public string Outbox { get; set; } = "";

    /// <summary>Where a converted input goes; default <c>INBOX/.done</c>.</summary>
    public string? Done { get; set; }

    /// <summary>Where a failed input goes with its <c>.error.txt</c>; default <c>INBOX/.failed</c>.</summary>
    public string? Failed { get; set; }

    /// <summary>Output format of files no rule matches, and of rules that name none.</summary>
    public string To { get; set; } = "npz";

    /// <summary>Compress archive output (as <c>np.savez_compressed</c>).</summary>
    public bool Compress { get; set; }

    /// <summary>Compression level 0-9 (0: stored); when set it alone decides compression.</summary>
    public int? Level { get; set; }

    /// <summary>Files converted at once (default: the processor count).</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Seconds a file's size and modification time must stay unchanged before it is taken, for producers that write in
    /// place instead of renaming in. 0 trusts every file on sight (every producer renames).
    /// </summary>
    public double SettleSeconds { get; set; } = 2;

    /// <summary>Seconds between directory scans when the file-system watcher reports nothing (the scan is the truth).</summary>
    public double ScanIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// On SIGTERM or Ctrl-C, seconds the files in flight get to finish before they are cancelled and handed back to the
    /// inbox. Must stay below <see cref="ShutdownTimeoutSeconds"/>.
    /// </summary>
    public double DrainSeconds { get; set; } = 20;

    /// <summary>
    /// The host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>, .NET's default 30 s). systemd's
    /// <c>TimeoutStopSec</c> must be longer (deploy/formats-worker.service: 35 s), or systemd kills the worker mid-shutdown.
    /// </summary>
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>Convert what is in the inbox, then exit (non-zero if any file failed).</summary>
    public bool Once { get; set; }

    /// <summary>
    /// This worker's name: its claimed files live in <c>INBOX/.work/ID/</c>, and a restart under the same id converts
    /// what a crash left there. Default: the machine name. Two workers on the same folders need different ids.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>Per-pattern conversions, first match wins; files no rule matches are converted by format detection.</summary>
    public IList<ConversionRule> Rules { get; } = [];

    /// <summary>The id in use: <see cref="WorkerId"/> or the machine name.</summary>
    public string EffectiveWorkerId => string.IsNullOrWhiteSpace(WorkerId) ? Environment.MachineName : WorkerId;

    /// <summary>The done folder in use.</summary>
    public string DoneFolder => Done is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(Path.GetFullPath(Inbox), ".done");

    /// <summary>The failed folder in use.</summary>
    public string FailedFolder => Failed is { Length: > 0 } f ? Path.GetFullPath(f) : Path.Combine(Path.GetFullPath(Inbox), ".failed");

    /// <summary>The conversion settings for <paramref name="fileName"/>: the first matching rule, else the defaults.</summary>
    public ConversionSettings SettingsFor(string fileName)
    {
        var rule = Rules.FirstOrDefault(r => r.Matches(fileName));
        return rule?.ToSettings(this) ?? new ConversionSettings { To = To, Compress = Compress, Level = Level };
    }
}
