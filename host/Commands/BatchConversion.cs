using System.Diagnostics;
using Spectre.Console;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats convert IN1 IN2 ... --outdir DIR</c>: every input converted in one process, up to one per core at a
/// time, each to <c>DIR/&lt;name&gt;.&lt;ext&gt;</c>. A failing input is reported with its reason and does not stop the
/// others; each output is committed on its own (temporary name, then rename), so a failure leaves no file of its own.
/// </summary>
internal sealed class BatchConversion(ArrayFiles files, ReadRequest read, WriteRequest write, TextWriter error)
{
    /// <summary>Converts <paramref name="inputs"/> into <paramref name="outdir"/>; returns the exit status.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> inputs, string outdir, CancellationToken cancellationToken)
    {
        var created = PrepareFolder(outdir);
        var jobs = PlanOutputs(inputs, outdir);
        var clock = Stopwatch.StartNew();
        var failures = new List<(string Input, string Reason)>();
        long bytes = 0;
        var done = 0;
        var bar = Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        async Task RunAll(ProgressTask? task)
        {
            await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (job, ct) =>
                {
                    try
                    {
                        if (job.Clash is { } clash)
                        {
                            throw new ArrayFormatException($"{job.Input}: its output {job.Output} is also the output of {clash}");
                        }

                        var result = await files.ConvertAsync(job.Input, job.Output, read, write, progress: null, ct).ConfigureAwait(false);
                        Interlocked.Add(ref bytes, result.DataBytes);
                    }
                    catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                    {
                        lock (failures)
                        {
                            failures.Add((job.Input, ErrorText.Describe(e)));
                        }
                    }

                    var finished = Interlocked.Increment(ref done);
                    if (task is not null)
                    {
                        task.Value = finished;
                    }
                }).ConfigureAwait(false);
        }

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

    private List<BatchJob> PlanOutputs(IReadOnlyList<string> inputs, string outdir)
    {
        var extension = write.Format is { Length: > 0 } name
            ? (files.Router.Registry.Find(name) ?? throw new UnknownFormatException($"no format is called '{name}'", files.Router.Registry.Names)).Extensions is { Count: > 0 } known ? known[0] : null
            : null;
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobs = new List<BatchJob>(inputs.Count);
        foreach (var input in inputs)
        {
            var trimmed = Path.TrimEndingDirectorySeparator(input);
            var output = Path.Combine(outdir, Path.GetFileNameWithoutExtension(trimmed) + (extension ?? Path.GetExtension(trimmed)));
            jobs.Add(new BatchJob(input, output, taken.TryGetValue(output, out var first) ? first : null));
            taken.TryAdd(output, input);
        }

        return jobs;
    }

    private sealed record BatchJob(string Input, string Output, string? Clash);
}
