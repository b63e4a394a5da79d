namespace Formats.Hosting;

/// <summary>
/// Settings of the <see cref="FolderWorker"/>, validated when the host starts. Bound from configuration by
/// <c>AddFormatsFolderWorker(section)</c> (the <c>formats</c> program binds <see cref="SectionName"/>), or set in code.
/// </summary>
public sealed class FolderWorkerOptions
{
    /// <summary>The configuration section the <c>formats worker</c> command binds.</summary>
    public const string SectionName = "Formats:Worker";

    /// <summary>The folder producers drop files into (complete files only: write elsewhere, then rename in). Required; must exist.</summary>
    public string Inbox { get; set; } = "";

    /// <summary>
    /// The folder converted files are committed to, or a store prefix (<c>s3://bucket/prefix/</c>, with the storage
    /// registered) they are uploaded under. Required; a folder must exist.
    /// </summary>
    public string Outbox { get; set; } = "";

    /// <summary>The outbox as outputs are named in it: a folder's full path, a store prefix as given.</summary>
    internal string OutboxLocation => RemoteLocation.Is(Outbox) ? Outbox : Path.GetFullPath(Outbox);

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

    /// <summary>Files converted at once (default: the processor count), from 1 to 1024.</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Seconds a file's size and modification time must stay unchanged before it is taken, for producers that write in
    /// place instead of renaming in. 0 trusts every file on sight (every producer renames).
    /// </summary>
    public double SettleSeconds { get; set; } = 2;

    /// <summary>Seconds between directory scans when the file-system watcher reports nothing (the scan is the truth).</summary>
    public double ScanIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// When the worker is stopped, seconds the files in flight get to finish before they are cancelled and handed back to
    /// the inbox. Keep it below the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>, 30 s by default).
    /// </summary>
    public double DrainSeconds { get; set; } = 20;

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

    /// <summary>
    /// The job converting <paramref name="input"/> (a file named as it arrived) into <paramref name="output"/>: the
    /// first rule matching its name, else these defaults; an archive member is named after the input.
    /// </summary>
    public ConversionJob JobFor(string input, string output)
    {
        var name = Path.GetFileName(input);
        var rule = Rules.FirstOrDefault(r => r.Matches(name));
        return new ConversionJob
        {
            Input = input,
            Output = output,
            Read = rule?.ToJobRead(),
            // No member name unless a rule gives one: the engine names an archive member after the input (whose name
            // the claim keeps), and a directory store (Zarr) takes a single array unnamed, at its root.
            Write = rule?.ToJobWrite(this, name) ?? new JobWrite(To, Compress, Level),
        };
    }

    /// <summary>The output format for a file named <paramref name="fileName"/>: its rule's, else <see cref="To"/>.</summary>
    public string FormatFor(string fileName) => Rules.FirstOrDefault(r => r.Matches(fileName))?.To ?? To;
}
