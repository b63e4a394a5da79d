using Formats.Casting;
using Formats.Folders;
using Formats.Routing;
using Formats.Storage;

namespace Formats.Pipeline;

/// <summary>
/// Executes a <see cref="ConversionPlan"/>: the one place where a writer is created, arrays begun, data copied and
/// completed, and the output committed (a file through its <see cref="IArrayOutput"/>, a directory through the staged
/// <see cref="IArrayDirectoryOutput"/> its storage gives). Synchronous and asynchronous callers share it (with
/// <c>useAsync</c> false every step completes synchronously, on the calling thread).
/// </summary>
internal sealed class ConversionPipeline(FormatRouter router, ArrayFormatsOptions options, StorageResolver storage, Func<PlanInputs.Key, ArrayFileReader> open)
{
    /// <summary>Checks a plan's output side without opening its inputs (format, array count, folder); returns the output format.</summary>
    public IArrayFormat Validate(ConversionPlan plan) => TargetOf(plan).Format;

    /// <summary>Runs <paramref name="plan"/>; <paramref name="opened"/>, if given, is an input the planner left open (disposed here in any case).</summary>
    public async ValueTask<ConversionResult> RunAsync(ConversionPlan plan, IProgress<ArrayProgress>? progress, bool useAsync,
        PlanInputs.Opened? opened, CancellationToken cancellationToken)
    {
        using var inputs = new PlanInputs(open, opened);
        var target = TargetOf(plan);
        var arrays = Resolve(plan, inputs);
        var copy = new Progress(progress, arrays.Sum(a => a.Header.ByteLength));
        var name = plan.Output;
        var writeOptions = RequestOptions.ToWriteOptions(plan.Write, options);
        if (target.Directory is { } directoryFormat)
        {
            (directoryFormat as IOutputCheck)?.Check(arrays, name);
            using var staged = FileErrors.Guard(name, () => storage.For(name).CreateDirectory(name));
            await WriteArraysAsync(name, () => directoryFormat.CreateWriter(staged, writeOptions), arrays, inputs, plan.Write, copy, useAsync, cancellationToken);
            FileErrors.Guard(name, () =>
            {
                staged.Commit();
                return true;
            });
        }
        else
        {
            var output = plan.Destination ?? storage.For(name).GetOutput(name);
            var dataBytes = arrays.Sum(a => a.Header.ByteLength);
            // Reserving space pays for large outputs (no fragmentation, an early "disk full"); for small ones it is a wasted call.
            var reserve = writeOptions.IsCompressed || dataBytes < (1 << 20) ? 0 : dataBytes + 4096;
            using var pending = FileErrors.Guard(name, () => output.Create(reserve));
            await WriteArraysAsync(name, () => target.FileWriter.CreateWriter(pending.Stream, writeOptions), arrays, inputs, plan.Write, copy, useAsync, cancellationToken);
            await CommitAsync(pending, name, useAsync, cancellationToken);
        }

        return new ConversionResult(name, target.Format, [.. arrays.Select(a => a.Name)], copy.Total);
    }

    /// <summary>
    /// The bytes <see cref="RunAsync"/> would write for <paramref name="plan"/> (summed over the files of a directory
    /// output): the same writes, into a sink that only counts.
    /// </summary>
    public async ValueTask<long> MeasureAsync(ConversionPlan plan, CancellationToken cancellationToken)
    {
        var target = TargetOf(plan);
        using var inputs = new PlanInputs(open);
        var arrays = Resolve(plan, inputs);
        var copy = new Progress(null, arrays.Sum(a => a.Header.ByteLength));
        var writeOptions = RequestOptions.ToWriteOptions(plan.Write, options);
        if (target.Directory is { } directoryFormat)
        {
            var counting = new CountingDirectory(plan.Output);
            await WriteArraysAsync(plan.Output, () => directoryFormat.CreateWriter(counting, writeOptions), arrays, inputs, plan.Write, copy, true, cancellationToken);
            return counting.Length;
        }

        using var counter = new CountingStream();
        await WriteArraysAsync(plan.Output, () => target.FileWriter.CreateWriter(counter, writeOptions), arrays, inputs, plan.Write, copy, true, cancellationToken);
        return counter.Length;
    }

    // The format a plan reports and, for a directory output, the directory format writing it.
    private Target TargetOf(ConversionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = plan.Output;
        if (name.Length == 0)
        {
            throw new ArgumentException("a plan needs an Output location or a Destination", nameof(plan));
        }

        if (plan.Destination is null && storage.For(name) is FileSystemArrayStorage)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(name));
            if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
            {
                throw new ArrayFormatException($"the folder {folder} does not exist") { SourcePath = name };
            }
        }

        if (plan.ToFolder)
        {
            if (plan.Destination is not null)
            {
                throw new ArgumentException("a folder output is a location (Output), not a Destination", nameof(plan));
            }

            var directory = FileErrors.Guard(name, () => NpyFolder.OutputFormat(router, name, plan.Write.Format));
            return new Target(directory is FileFolderFormat files ? files.FileFormat : directory, null, directory);
        }

        // A directory format claims its extension only where a directory can be written (not into a Destination stream).
        var store = plan.Destination is null ? FileErrors.Guard(name, () => router.ForDirectoryWrite(name, plan.Write.Format)) : null;
        IArrayFormat format = store ?? (IArrayFormat)FileErrors.Guard(name, () => router.ForWrite(name, plan.Write.Format));
        if (plan.Arrays.Count != 1 && format is not IMultiArrayFormat)
        {
            throw new ArrayFormatException($"format {format.Name} holds exactly one array, not {plan.Arrays.Count}") { SourcePath = name };
        }

        return new Target(format, format as IWritableArrayFormat, store);
    }

    // Every array resolved to its header; with a cast, the header written is the target dtype's.
    private static List<PlanInputs.Array> Resolve(ConversionPlan plan, PlanInputs inputs)
    {
        var arrays = plan.Arrays.Select(inputs.Resolve).ToList();
        return plan.Write.Cast is { } cast ? [.. arrays.Select(a => ArrayCasting.Retype(a, cast))] : arrays;
    }

    private static async ValueTask CommitAsync(IPendingArrayOutput pending, string name, bool useAsync, CancellationToken cancellationToken)
    {
        if (useAsync)
        {
            await FileErrors.GuardAsync(name, async () =>
            {
                await pending.CommitAsync(cancellationToken);
                return true;
            });
        }
        else
        {
            FileErrors.Guard(name, () =>
            {
                pending.Commit();
                return true;
            });
        }
    }

    private async ValueTask WriteArraysAsync(string name, Func<IArrayWriter> createWriter, IReadOnlyList<PlanInputs.Array> arrays, PlanInputs inputs,
        WriteRequest write, Progress copy, bool useAsync, CancellationToken cancellationToken)
    {
        await FileErrors.GuardAsync(name, async () =>
        {
            using var writer = createWriter();
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

    // The format a conversion reports, and the one writing it: a file format (File) or a directory format (Directory).
    private sealed record Target(IArrayFormat Format, IWritableArrayFormat? File, IWritableDirectoryArrayFormat? Directory)
    {
        public IWritableArrayFormat FileWriter => File ?? throw new InvalidOperationException($"format {Format.Name} writes a directory, not a file");
    }

    private sealed class Progress(IProgress<ArrayProgress>? sink, long total)
    {
        public IProgress<ArrayProgress>? Sink { get; } = sink;

        public long Total { get; } = total;

        public long Done { get; set; }
    }
}
