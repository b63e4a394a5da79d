using System.Diagnostics;

namespace Formats.Hosting;

/// <summary>
/// Runs one <see cref="ConversionJob"/> through the engine, which writes a temporary file beside the output and renames
/// it, so the output appears complete or not at all. It never moves the input: the caller decides where it goes.
/// </summary>
/// <param name="files">The engine.</param>
public sealed class JobConverter(ArrayFiles files)
{
    /// <summary>The engine the jobs run on.</summary>
    public ArrayFiles Files { get; } = files ?? throw new ArgumentNullException(nameof(files));

    /// <summary>
    /// <paramref name="inputName"/>'s output in <paramref name="folder"/>: its name without its extension, with the first
    /// extension of the format named <paramref name="format"/> (or, with no format named, the input's own extension).
    /// </summary>
    /// <exception cref="UnknownFormatException">No format of that name is loaded.</exception>
    public string OutputPathFor(string inputName, string folder, string? format)
    {
        ArgumentNullException.ThrowIfNull(inputName);
        var trimmed = Path.TrimEndingDirectorySeparator(inputName);
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(trimmed) + (ExtensionOf(format) ?? Path.GetExtension(trimmed)));
    }

    /// <summary>The first extension of the format named <paramref name="format"/>, with its dot; null for no name or a format without one.</summary>
    /// <exception cref="UnknownFormatException">No format of that name is loaded.</exception>
    public string? ExtensionOf(string? format)
    {
        if (format is not { Length: > 0 })
        {
            return null;
        }

        var registry = Files.Router.Registry;
        var found = registry.Find(format) ?? throw new UnknownFormatException($"no format is called '{format}'", registry.Names);
        return found.Extensions.Count > 0 ? "." + found.Extensions[0].TrimStart('.') : null;
    }

    /// <summary>Runs <paramref name="job"/> on the calling thread, every read and write synchronous (<see cref="JobRunner"/> gives it a thread of its own).</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read as the job says, or written as asked; the message names the file.</exception>
    /// <exception cref="IOException">A file-system failure (disk full, input vanished, output folder missing).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output was committed.</exception>
    public JobOutcome Convert(ConversionJob job, CancellationToken cancellationToken) => Convert(job, job?.ToReadRequest()!, job?.ToWriteRequest()!, cancellationToken);

    /// <summary>Runs <paramref name="job"/> on the calling thread, reporting the data bytes copied to <paramref name="progress"/> (a <see cref="WorkerJob"/>).</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read as the job says, or written as asked; the message names the file.</exception>
    /// <exception cref="IOException">A file-system failure (disk full, input vanished, output folder missing).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output was committed.</exception>
    public JobOutcome Convert(ConversionJob job, IProgress<ArrayProgress>? progress, CancellationToken cancellationToken) =>
        Run(job, job?.ToReadRequest()!, job?.ToWriteRequest()!, progress, cancellationToken);

    /// <summary>
    /// Runs <paramref name="job"/>'s paths with requests given in full (a cast or a format's own section, which a job's
    /// plain values do not carry), on the calling thread.
    /// </summary>
    /// <exception cref="ArrayFormatException">The input cannot be read or written as asked.</exception>
    /// <exception cref="IOException">A file-system failure.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output was committed.</exception>
    public JobOutcome Convert(ConversionJob job, ReadRequest read, WriteRequest write, CancellationToken cancellationToken) =>
        Run(job, read, write, progress: null, cancellationToken);

    private JobOutcome Run(ConversionJob job, ReadRequest read, WriteRequest write, IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var clock = Stopwatch.StartNew();
        var bytesIn = SizeOf(job.Input);
        var result = Files.Convert(job.Input, job.Output, read, write, progress, cancellationToken);
        return new JobOutcome(result.Output, bytesIn, SizeOf(result.Output), result.DataBytes, clock.Elapsed);
    }

    // A file's length; a directory store's (x.zarr, a folder of .npy files) the sum of its files; 0 elsewhere (s3://).
    private static long SizeOf(string path) =>
        File.Exists(path) ? new FileInfo(path).Length
        : Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : 0;

    /// <summary>
    /// Deletes the temporary files a killed conversion into <paramref name="output"/> left beside it (the engine's
    /// hidden <c>.NAME.*.tmp</c>); returns how many (none for an <c>s3://</c> output). For a job run again after a crash.
    /// </summary>
    public static int RemoveStaleTemporaries(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (RemoteLocation.Is(output))
        {
            // An object store's output is a multipart upload, not a file beside it: a killed write leaves no object, only
            // parts that the bucket's lifecycle rule (AbortIncompleteMultipartUpload) removes.
            return 0;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var stale in Directory.EnumerateFiles(folder, $".{Path.GetFileName(output)}.*.tmp"))
        {
            try
            {
                File.Delete(stale);
                removed++;
            }
            catch (IOException)
            {
            }
        }

        return removed;
    }
}
