using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using Formats.Files;
using Formats.Folders;
using Formats.Pipeline;

namespace Formats;

/// <summary>Writing and converting: every call is a <see cref="ConversionPlan"/> run by the one pipeline.</summary>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "A path and a source (or output) overload differ in the type of their first parameter, so no call is ambiguous.")]
public sealed partial class ArrayFiles
{
    /// <summary>Writes one array to <paramref name="path"/> atomically, on the calling thread.</summary>
    public void Write(string path, NDArray array, WriteRequest? request = null) => WriteCore(path, null, array, request);

    /// <summary>Writes one array to <paramref name="output"/>, committed only once complete, on the calling thread.</summary>
    public void Write(IArrayOutput output, NDArray array, WriteRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteCore("", output, array, request);
    }

    /// <summary>Writes arrays (one for single-array formats) to <paramref name="path"/> atomically.</summary>
    public async ValueTask WriteAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? request = null,
        CancellationToken cancellationToken = default) =>
        await Run(WritePlan(path, null, arrays, request), null, true, cancellationToken);

    /// <summary>Writes arrays (one for single-array formats) to <paramref name="output"/>, committed only once complete.</summary>
    public async ValueTask WriteAsync(IArrayOutput output, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? request = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await Run(WritePlan("", output, arrays, request), null, true, cancellationToken);
    }

    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="output"/>, streaming (arrays larger than memory pass
    /// through). A folder input packs its <c>.npy</c> files into an archive; a folder output (a path ending in a
    /// separator, or an existing folder) receives every member as <c>name.npy</c>, all or nothing. A directory that an
    /// <see cref="IDirectoryArrayFormat"/> claims is read and written by that format instead.
    /// </summary>
    public async Task<ConversionResult> ConvertAsync(string input, string output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await ConvertCore(new(input, null, ReadRequest.Default), output, null, read, write, progress, useAsync: true, cancellationToken);

    /// <summary>Converts <paramref name="input"/> to <paramref name="output"/> (see <see cref="ConvertAsync(string, string, ReadRequest?, WriteRequest?, IProgress{ArrayProgress}?, CancellationToken)"/>); the source stays the caller's.</summary>
    public async Task<ConversionResult> ConvertAsync(IArraySource input, IArrayOutput output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await ConvertCore(SourceKey(input), "", output ?? throw new ArgumentNullException(nameof(output)), read, write, progress, useAsync: true, cancellationToken);

    /// <summary>
    /// <see cref="ConvertAsync(string, string, ReadRequest?, WriteRequest?, IProgress{ArrayProgress}?, CancellationToken)"/> on the calling
    /// thread, every read and write synchronous: the cheaper call where many small files are converted on threads of the
    /// caller's own (on Unix, file I/O has no asynchronous path).
    /// </summary>
    /// <exception cref="ArrayFormatException">An input cannot be read or the output cannot be written; the message names the file.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between chunks); no output was committed.</exception>
    public ConversionResult Convert(string input, string output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Completed(ConvertCore(new(input, null, ReadRequest.Default), output, null, read, write, progress, useAsync: false, cancellationToken));

    /// <summary>Converts a source into an output on the calling thread (see <see cref="Convert(string, string, ReadRequest?, WriteRequest?, IProgress{ArrayProgress}?, CancellationToken)"/>).</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read or the output cannot be written; the message names it.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between chunks); the output was rolled back.</exception>
    public ConversionResult Convert(IArraySource input, IArrayOutput output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Completed(ConvertCore(SourceKey(input), "", output ?? throw new ArgumentNullException(nameof(output)), read, write, progress, useAsync: false, cancellationToken));

    /// <summary>The plan <see cref="ConvertAsync(string, string, ReadRequest?, WriteRequest?, IProgress{ArrayProgress}?, CancellationToken)"/> runs, to check, log or queue; its inputs are opened only to list their arrays.</summary>
    public ConversionPlan PlanConversion(string input, string output, ReadRequest? read = null, WriteRequest? write = null) =>
        PlanOnly(new(input, null, ReadRequest.Default), output, null, read, write);

    /// <summary>The plan converting a source into an output; it refers to both objects, which stay the caller's.</summary>
    public ConversionPlan PlanConversion(IArraySource input, IArrayOutput output, ReadRequest? read = null, WriteRequest? write = null) =>
        PlanOnly(SourceKey(input), "", output ?? throw new ArgumentNullException(nameof(output)), read, write);

    /// <summary>Checks a plan's output side (format, folder, array count) without opening its inputs.</summary>
    /// <exception cref="ArrayFormatException">The plan cannot be executed; the message names the output.</exception>
    public IArrayFormat Validate(ConversionPlan plan) => pipeline.Validate(plan);

    /// <summary>Executes a plan: every array streamed into the output, committed atomically.</summary>
    public async Task<ConversionResult> ExecuteAsync(ConversionPlan plan, IProgress<ArrayProgress>? progress = null,
        CancellationToken cancellationToken = default) => await Run(plan, progress, true, cancellationToken);

    /// <summary>
    /// The size in bytes of the file <see cref="ExecuteAsync"/> would write for <paramref name="plan"/> (for a folder
    /// output, of all its files), found by running the very same write into a sink that only counts: nothing is written.
    /// </summary>
    /// <exception cref="ArrayFormatException">The plan cannot be executed (a bad input, a refused cast); the message names the file.</exception>
    public async Task<long> MeasureAsync(ConversionPlan plan, CancellationToken cancellationToken = default) =>
        await pipeline.MeasureAsync(plan, cancellationToken);

    private static PlanInputs.Key SourceKey(IArraySource input) =>
        new(null, input ?? throw new ArgumentNullException(nameof(input)), ReadRequest.Default);

    // Without useAsync every step completes on this thread, so the task is already complete (or faulted).
    private static T Completed<T>(ValueTask<T> run)
    {
        Debug.Assert(run.IsCompleted, "a synchronous run completes synchronously");
        return run.GetAwaiter().GetResult();
    }

    private static ConversionPlan WritePlan(string path, IArrayOutput? output, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? request) => new()
    {
        Output = path,
        Destination = output,
        Write = request ?? WriteRequest.Default,
        Arrays = [.. arrays.Select(a => new PlannedArray(a.Key, ArrayInput.FromArray(a.Value)))],
    };

    private void WriteCore(string path, IArrayOutput? output, NDArray array, WriteRequest? request)
    {
        request ??= WriteRequest.Default;
        Completed(Run(WritePlan(path, output, [new(request.MemberName ?? "arr_0", array)], request), null, useAsync: false, CancellationToken.None));
    }

    private ConversionPlan PlanOnly(PlanInputs.Key input, string output, IArrayOutput? destination, ReadRequest? read, WriteRequest? write)
    {
        var (plan, source, _) = PlanKeepingInput(input, output, destination, read ?? ReadRequest.Default, write ?? WriteRequest.Default);
        source?.Dispose();
        return plan;
    }

    // The plan's input stays open from planning to copying: one open per file, not two.
    private async ValueTask<ConversionResult> ConvertCore(PlanInputs.Key input, string output, IArrayOutput? destination, ReadRequest? read, WriteRequest? write,
        IProgress<ArrayProgress>? progress, bool useAsync, CancellationToken cancellationToken)
    {
        var (plan, source, key) = PlanKeepingInput(input, output, destination, read ?? ReadRequest.Default, write ?? WriteRequest.Default);
        var opened = source is null ? null : new PlanInputs.Opened(key, source);
        return await Run(plan, opened, progress, useAsync, cancellationToken);
    }

    private (ConversionPlan Plan, ArrayFileReader? Source, PlanInputs.Key Key) PlanKeepingInput(PlanInputs.Key input, string output, IArrayOutput? destination,
        ReadRequest read, WriteRequest write)
    {
        var inputName = input.Source?.Name ?? input.Path!;
        var outputName = destination?.Name ?? output;
        var folder = input.Path is { } path && FileErrors.Guard(path, () => storage.For(path).GetDirectory(path)) is { } directory
            && FileErrors.Guard(path, () => Router.ForDirectory(directory, read.Format)) is null ? directory : null;
        var toFolder = destination is null && storage.IsDirectory(output);
        var format = folder is not null || toFolder ? null : FileErrors.Guard(outputName, () =>
            (destination is null ? Router.ForDirectoryWrite(outputName, write.Format) : null) ?? (IArrayFormat)Router.ForWrite(outputName, write.Format));
        (read, write) = ConversionPlanner.CastOnWrite(read, write, inputName);
        var key = input with { Request = read.ForFile };
        if (folder is not null)
        {
            return (NpyFolder.PlanInput(input.Path!, folder, output, read, write, storage), null, key);
        }

        var source = OpenInput(key);
        try
        {
            return (ConversionPlanner.Plan(source, key, output, destination, toFolder, read, write, format), source, key);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private ValueTask<ConversionResult> Run(ConversionPlan plan, IProgress<ArrayProgress>? progress, bool useAsync, CancellationToken cancellationToken) =>
        Run(plan, null, progress, useAsync, cancellationToken);

    private async ValueTask<ConversionResult> Run(ConversionPlan plan, PlanInputs.Opened? opened, IProgress<ArrayProgress>? progress, bool useAsync,
        CancellationToken cancellationToken)
    {
        var result = await pipeline.RunAsync(plan, progress, useAsync, opened, cancellationToken);
        ArrayFilesLog.Converted(logger, plan, result.Format.Name, result.DataBytes);
        return result;
    }
}
