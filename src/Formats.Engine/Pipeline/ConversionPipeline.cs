using Formats.Casting;
using Formats.Files;
using Formats.Routing;

namespace Formats.Pipeline;

/// <summary>
/// Executes a <see cref="ConversionPlan"/>: the one place where a writer is created, arrays begun, data copied and
/// completed, and the output committed atomically. Synchronous and asynchronous callers share it (with
/// <c>useAsync</c> false every step completes synchronously, on the calling thread).
/// </summary>
internal sealed class ConversionPipeline(FormatRouter router, ArrayFormatsOptions options, Func<string, ReadRequest, ArrayFileReader> open)
{
    /// <summary>Checks a plan's output side without opening its inputs (format, array count, folder); returns the output format.</summary>
    public IWritableArrayFormat Validate(ConversionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(plan.Output));
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new ArrayFormatException($"the folder {folder} does not exist") { SourcePath = plan.Output };
        }

        if (plan.ToFolder)
        {
            return FileErrors.Guard(plan.Output, () => router.ForWrite("x.npy", plan.Write.Format ?? "npy"));
        }

        var format = FileErrors.Guard(plan.Output, () => router.ForWrite(plan.Output, plan.Write.Format));
        if (plan.Arrays.Count != 1 && format is not IMultiArrayFormat)
        {
            throw new ArrayFormatException($"format {format.Name} holds exactly one array, not {plan.Arrays.Count}") { SourcePath = plan.Output };
        }

        return format;
    }

    /// <summary>Runs <paramref name="plan"/>; <paramref name="opened"/>, if given, is an input the planner left open (disposed here in any case).</summary>
    public async ValueTask<ConversionResult> RunAsync(ConversionPlan plan, IProgress<ArrayProgress>? progress, bool useAsync,
        PlanInputs.Opened? opened, CancellationToken cancellationToken)
    {
        using var inputs = new PlanInputs(open, opened);
        var format = Validate(plan);
        var arrays = Resolve(plan, inputs);
        var copy = new Progress(progress, arrays.Sum(a => a.Header.ByteLength));
        if (!plan.ToFolder)
        {
            await WriteFileAsync(plan.Output, format, arrays, inputs, plan.Write, copy, useAsync, cancellationToken);
        }
        else
        {
            var extension = format.Extensions.Count > 0 ? format.Extensions[0] : "";
            if (arrays.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new MalformedArrayException($"{twice.Count()} arrays are named '{twice.Key}': each would be written to {twice.Key}{extension}")
                {
                    SourcePath = twice.First().Parts[0].Input.Path ?? plan.Output,
                };
            }

            using var staging = FolderStaging.Begin(plan.Output);
            foreach (var array in arrays)
            {
                var path = staging.PathFor(array.Name + extension, array.Parts[0].Input.Path ?? plan.Output);
                await WriteFileAsync(path, format, [array], inputs, plan.Write, copy, useAsync, cancellationToken);
            }

            FileErrors.Guard(plan.Output, () =>
            {
                staging.Commit();
                return true;
            });
        }

        return new ConversionResult(plan.Output, format, [.. arrays.Select(a => a.Name)], copy.Total);
    }

    /// <summary>
    /// The bytes <see cref="RunAsync"/> would write for <paramref name="plan"/> (summed over the files of a folder
    /// output): the same writes, into a sink that only counts.
    /// </summary>
    public async ValueTask<long> MeasureAsync(ConversionPlan plan, CancellationToken cancellationToken)
    {
        var format = Validate(plan);
        using var inputs = new PlanInputs(open);
        var arrays = Resolve(plan, inputs);
        var copy = new Progress(null, arrays.Sum(a => a.Header.ByteLength));
        var total = 0L;
        foreach (var group in plan.ToFolder ? arrays.Select(a => (IReadOnlyList<PlanInputs.Array>)[a]) : [arrays])
        {
            using var counter = new CountingStream();
            await WriteArraysAsync(counter, plan.Output, format, group, inputs, plan.Write, copy, true, cancellationToken);
            total += counter.Length;
        }

        return total;
    }

    // Every array resolved to its header; with a cast, the header written is the target dtype's.
    private static List<PlanInputs.Array> Resolve(ConversionPlan plan, PlanInputs inputs)
    {
        var arrays = plan.Arrays.Select(inputs.Resolve).ToList();
        return plan.Write.Cast is { } cast ? [.. arrays.Select(a => ArrayCasting.Retype(a, cast))] : arrays;
    }

    private async ValueTask WriteFileAsync(string path, IWritableArrayFormat format, IReadOnlyList<PlanInputs.Array> arrays, PlanInputs inputs, WriteRequest write,
        Progress copy, bool useAsync, CancellationToken cancellationToken)
    {
        var writeOptions = RequestOptions.ToWriteOptions(write, options);
        var dataBytes = arrays.Sum(a => a.Header.ByteLength);
        // Reserving space pays for large outputs (no fragmentation, an early "disk full"); for small ones it is a wasted call.
        var reserve = writeOptions.IsCompressed || dataBytes < (1 << 20) ? 0 : dataBytes + 4096;
        using var file = FileErrors.Guard(path, () => AtomicFile.Create(path, reserve));
        await WriteArraysAsync(file.Stream, path, format, arrays, inputs, write, copy, useAsync, cancellationToken);
        file.Commit();
    }

    private async ValueTask WriteArraysAsync(Stream stream, string path, IWritableArrayFormat format, IReadOnlyList<PlanInputs.Array> arrays, PlanInputs inputs,
        WriteRequest write, Progress copy, bool useAsync, CancellationToken cancellationToken)
    {
        var writeOptions = RequestOptions.ToWriteOptions(write, options);
        await FileErrors.GuardAsync(path, async () =>
        {
            using var writer = format.CreateWriter(stream, writeOptions);
            foreach (var array in arrays)
            {
                using var sink = writer.BeginArray(array.Name, array.Header);
                var firstIndex = 0L;
                foreach (var part in array.Parts)
                {
                    using var source = ArrayCasting.Wrap(inputs.Open(part, options.CopyBufferSize), part, array.Header.DType, write.Cast, firstIndex);
                    firstIndex += part.Header.ElementCount;
                    copy.Done = await ArrayCopy.RunAsync(source, sink, array.Name, copy.Done, copy.Total, copy.Sink, useAsync, cancellationToken);
                }

                await ArrayCopy.CompleteAsync(sink, useAsync, cancellationToken);
            }

            if (useAsync)
            {
                await writer.CompleteAsync(cancellationToken);
            }
            else
            {
                writer.Complete();
            }

            return true;
        });
    }

    private sealed class Progress(IProgress<ArrayProgress>? sink, long total)
    {
        public IProgress<ArrayProgress>? Sink { get; } = sink;

        public long Total { get; } = total;

        public long Done { get; set; }
    }
}
