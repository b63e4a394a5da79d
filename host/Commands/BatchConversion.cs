using System.Diagnostics;
using Formats.Hosting;
using Spectre.Console;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats convert IN1 IN2 ... --outdir DIR</c>: every input converted in one process on the library's
/// <see cref="JobRunner"/>, up to one per core at a time, each to <c>DIR/&lt;name&gt;.&lt;ext&gt;</c>. A failing input
/// is reported with its reason and does not stop the others; each output is committed on its own (temporary name,
/// then rename), so a failure leaves no file of its own.
/// </summary>
internal sealed class BatchConversion(ArrayFiles files, ReadRequest read, WriteRequest write, TextWriter error)
{
    // Copying small files without compressing them is mostly creating and renaming files in one folder, which holds the
    // folder's lock in the kernel: below this much input per thread another thread only waits for it (bench/README.md, D).
    private const long StoredBytesPerThread = 16L << 20;

    /// <summary>Converts <paramref name="inputs"/> into <paramref name="outdir"/>; returns the exit status.</summary>
    /// <param name="inputs">The files to convert.</param>
    /// <param name="outdir">The folder to write to.</param>
    /// <param name="parallel">Files converted at once; null chooses from the core count and the inputs' total size.</param>
    /// <param name="cancellationToken">Stops taking new files; those in flight stop between chunks and leave nothing.</param>
    public async Task<int> RunAsync(IReadOnlyList<string> inputs, string outdir, int? parallel, CancellationToken cancellationToken)
    {
        var converter = new JobConverter(files);
        var created = PrepareFolder(outdir);
        var jobs = PlanOutputs(converter, inputs, outdir);
        var clock = Stopwatch.StartNew();
        var failures = new List<(string Input, string Reason)>();
        long bytes = 0;
        var done = 0;
        var bar = Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        void Convert(BatchJob job, ProgressTask? task)
        {
            try
            {
                if (job.Clash is { } clash)
                {
                    throw new ArrayFormatException($"{job.Job.Input}: its output {job.Job.Output} is also the output of {clash}");
                }

                Interlocked.Add(ref bytes, converter.Convert(job.Job, read, write, cancellationToken).DataBytes);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                lock (failures)
                {
                    failures.Add((job.Job.Input, ErrorText.Describe(e)));
                }
            }

            task?.Value = Interlocked.Increment(ref done);
        }

        var threads = Math.Min(parallel ?? DefaultThreads(inputs, write), jobs.Count);
        Task RunAll(ProgressTask? task) => JobRunner.ForEachAsync(jobs, threads, job => Convert(job, task), cancellationToken, "formats convert");
        if (bar is null)
        {
            await RunAll(null).ConfigureAwait(false);
        }
        else
        {
            await bar.Progress().AutoClear(true).StartAsync(ctx => RunAll(ctx.AddTask($"converting {jobs.Count} files", maxValue: jobs.Count))).ConfigureAwait(false);
        }

        foreach (var (input, reason) in failures.OrderBy(f => f.Input, StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"error: {reason}").ConfigureAwait(false);
        }

        var converted = jobs.Count - failures.Count;
        if (converted == 0 && created)
        {
            Directory.Delete(outdir);
        }

        await error.WriteLineAsync(
            $"converted {converted} of {jobs.Count} file(s) into {outdir} ({bytes} data bytes) in {clock.Elapsed.TotalSeconds:F2} s"
            + (failures.Count > 0 ? $"; {failures.Count} failed" : "")).ConfigureAwait(false);
        return failures.Count == 0 ? 0 : 1;
    }

    private static int DefaultThreads(IReadOnlyList<string> inputs, WriteRequest write)
    {
        if (write.Compress || write.CompressionLevel > 0)
        {
            return Environment.ProcessorCount;
        }

        long total = 0;
        foreach (var input in inputs)
        {
            try
            {
                total += new FileInfo(input).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Reported when it is converted.
            }
        }

        return (int)Math.Clamp(total / StoredBytesPerThread, 1, Environment.ProcessorCount);
    }

    // The folder may be created (its parent must exist, as for a single output); true when this run created it.
    private static bool PrepareFolder(string outdir)
    {
        if (Directory.Exists(outdir))
        {
            return false;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(outdir));
        if (parent is null || !Directory.Exists(parent))
        {
            throw new ArrayFormatException($"{outdir}: the output folder's parent does not exist");
        }

        Directory.CreateDirectory(outdir);
        return true;
    }

    private List<BatchJob> PlanOutputs(JobConverter converter, IReadOnlyList<string> inputs, string outdir)
    {
        converter.ExtensionOf(write.Format); // an unknown --to fails the whole run, before any file
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobs = new List<BatchJob>(inputs.Count);
        foreach (var input in inputs)
        {
            var output = converter.OutputPathFor(input, outdir, write.Format);
            jobs.Add(new BatchJob(new ConversionJob { Input = input, Output = output }, taken.TryGetValue(output, out var first) ? first : null));
            taken.TryAdd(output, input);
        }

        return jobs;
    }

    private sealed record BatchJob(ConversionJob Job, string? Clash);
}
