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
    public IArrayFormat Validate(ConversionPlan plan)
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
        if (plan.Arrays.Count != 1 && !format.Capabilities.HasFlag(FormatCapabilities.MultiArray))
        {
            throw new ArrayFormatException($"format {format.Name} holds exactly one array, not {plan.Arrays.Count}") { SourcePath = plan.Output };
        }

        return format;
    }

    public async ValueTask<ConversionResult> RunAsync(ConversionPlan plan, IProgress<ArrayProgress>? progress, bool useAsync,
        CancellationToken cancellationToken)
    {
        var format = Validate(plan);
        using var inputs = new PlanInputs(open);
        var arrays = plan.Arrays.Select(inputs.Resolve).ToList();
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

    private async ValueTask WriteFileAsync(string path, IArrayFormat format, IReadOnlyList<PlanInputs.Array> arrays, PlanInputs inputs, WriteRequest write,
        Progress copy, bool useAsync, CancellationToken cancellationToken)
    {
        var writeOptions = RequestOptions.ToWriteOptions(write, options);
        var dataBytes = arrays.Sum(a => a.Header.ByteLength);
        using var file = FileErrors.Guard(path, () => AtomicFile.Create(path, writeOptions.IsCompressed ? 0 : dataBytes + 4096));
        await FileErrors.GuardAsync(path, async () =>
        {
            using var writer = format.CreateWriter(file.Stream, writeOptions);
            foreach (var array in arrays)
            {
                using var sink = writer.BeginArray(array.Name, array.Header);
                foreach (var part in array.Parts)
                {
                    using var source = inputs.Open(part, options.CopyBufferSize);
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
        file.Commit();
    }

    private sealed class Progress(IProgress<ArrayProgress>? sink, long total)
    {
        public IProgress<ArrayProgress>? Sink { get; } = sink;

        public long Total { get; } = total;

        public long Done { get; set; }
    }
}
