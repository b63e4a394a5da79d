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
    /// <summary>Converts <paramref name="inputs"/> into <paramref name="outdir"/>; returns the exit status.</summary>
    /// <param name="inputs">The files to convert.</param>
    /// <param name="outdir">The folder to write to.</param>
    /// <param name="parallel">Files converted at once; null chooses from the core count and the inputs' total size.</param>
    /// <param name="cancellationToken">Stops taking new files; those in flight stop between chunks and leave nothing.</param>
    public async Task<int> RunAsync(IReadOnlyList<string> inputs, string outdir, int? parallel, CancellationToken cancellationToken)
    {
        var converter = new JobConverter(files);
        var created = ConversionBatch.CreateFolder(outdir);
        var jobs = ConversionBatch.Plan(converter, inputs, outdir, write.Format);
        var clock = Stopwatch.StartNew();
        var failures = new List<(string Input, string Reason)>();
        long bytes = 0;
        var done = 0;
        var bar = Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        void Convert(PlannedJob job, ProgressTask? task)
        {
            try
            {
                if (job.SameOutputAs is { } clash)
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

        var threads = Math.Min(parallel ?? ConversionBatch.Parallelism(inputs, write.Compress || write.CompressionLevel > 0), jobs.Count);
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
}
