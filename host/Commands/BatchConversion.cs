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
        var created = PrepareFolder(outdir);
        var jobs = PlanOutputs(inputs, outdir);
        var clock = Stopwatch.StartNew();
        var failures = new List<(string Input, string Reason)>();
        long bytes = 0;
        var done = 0;
        var next = -1;
        using var cancelAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = cancelAll.Token;
        var bar = Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        // Each worker thread takes the next input and converts it synchronously: small files finish in well under a
        // millisecond, where handing every read and write to the thread pool would cost more than the work.
        // An exception leaving a thread of its own would end the process with a stack trace: each is kept for the caller.
        Exception? fatal = null;
        void Work(ProgressTask? task)
        {
            try
            {
                WorkOn(task);
            }
            catch (OperationCanceledException)
            {
                // The conversion in flight removed its temporary file; the caller reports the cancellation.
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref fatal, e, null);
                cancelAll.Cancel();
            }
        }

        void WorkOn(ProgressTask? task)
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs.Count && !stop.IsCancellationRequested)
            {
                var job = jobs[index];
                try
                {
                    if (job.Clash is { } clash)
                    {
                        throw new ArrayFormatException($"{job.Input}: its output {job.Output} is also the output of {clash}");
                    }

                    var result = files.Convert(job.Input, job.Output, read, write, progress: null, stop);
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
                task?.Value = finished;
            }
        }

        Task RunAll(ProgressTask? task)
        {
            var threads = Enumerable.Range(1, Math.Min(parallel ?? DefaultThreads(inputs, write), jobs.Count) - 1)
                .Select(_ => new Thread(() => Work(task)) { IsBackground = true, Name = "formats convert" })
                .ToList();
            threads.ForEach(t => t.Start());
            Work(task);
            threads.ForEach(t => t.Join());
            if (fatal is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
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
