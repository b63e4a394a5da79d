using System.Diagnostics;
using Formats.Discovery;
using Formats.Files;
using Formats.Pipeline;
using Formats.Reading;
using Formats.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Formats;

/// <summary>
/// The facade applications use: open, inspect, read, write, convert and append array files by path. It owns the
/// files: it routes each to a format, writes atomically (temporary file, then rename), streams data in chunks with
/// cancellation and progress, and names the file in every error. Conversions are <see cref="ConversionPlan"/>s run
/// by one pipeline.
/// </summary>
public sealed class ArrayFiles
{
    private readonly ArrayFormatsOptions options;
    private readonly ILogger logger;
    private readonly ConversionPipeline pipeline;
    private readonly RowAppending appending;
    private readonly ArchiveEditing editing;
    private readonly ArrayMapping mapping;

    /// <summary>Creates the facade; normally resolved from the container set up by <c>AddArrayFormats</c>.</summary>
    /// <param name="router">Chooses formats.</param>
    /// <param name="options">The engine's limits.</param>
    /// <param name="logger">Where to log; none by default.</param>
    /// <param name="catalog">The plugins, for services other than formats (the memory mapper); none by default.</param>
    /// <exception cref="OptionsValidationException">The configured options are invalid; the message lists each problem.</exception>
    public ArrayFiles(FormatRouter router, IOptions<ArrayFormatsOptions> options, ILogger<ArrayFiles>? logger = null, PluginCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Router = router;
        this.options = options.Value;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        pipeline = new ConversionPipeline(router, this.options, OpenInput);
        appending = new RowAppending(router, this.options, pipeline, OpenInput);
        editing = new ArchiveEditing(router, this.options);
        mapping = new ArrayMapping(router, OpenInput, () => catalog?.GetService<IArrayMapper>());
    }

    /// <summary>The router choosing formats.</summary>
    public FormatRouter Router { get; }

    /// <summary>Opens <paramref name="path"/> and reads its headers.</summary>
    /// <exception cref="ArrayFormatException">The format is unknown or the headers are bad; the message names the file.</exception>
    public ArrayFileReader Open(string path, ReadRequest? request = null)
    {
        request ??= ReadRequest.Default;
        var stream = FileOpening.OpenRead(path);
        try
        {
            var format = FileErrors.Guard(path, () => Router.ForRead(stream, path, request.Format));
            var reader = FileErrors.Guard(path, () => format.CreateReader(stream, RequestOptions.ToReadOptions(request, options)));
            return new ArrayFileReader(path, format, stream, reader);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Describes the arrays in <paramref name="path"/> without reading their data. An archive member whose header
    /// cannot be read is listed in <see cref="ArrayFileInfo.Failures"/> while the others are still described.
    /// </summary>
    public ArrayFileInfo Inspect(string path, ReadRequest? request = null)
    {
        using var file = Open(path, request);
        var entries = new List<ArrayEntry>();
        var failures = new List<ArrayFailure>();
        foreach (var name in file.Names)
        {
            try
            {
                entries.Add(file.Describe(name));
            }
            catch (ArrayFormatException e)
            {
                failures.Add(new ArrayFailure(name, e));
            }
        }

        return new ArrayFileInfo(path, file.Format, entries) { Failures = failures };
    }

    /// <summary>Reads one array (the only one, or <see cref="ReadRequest.Member"/>), optionally only some rows.</summary>
    /// <remarks>Synchronous end to end: on Unix file I/O has no asynchronous path, so a thread-pool hop only adds cost.</remarks>
    public NDArray Read(string path, ReadRequest? request = null) => ReadCore(path, request ?? ReadRequest.Default, CancellationToken.None);

    /// <summary>Reads one array on the thread pool, cancellable between windows.</summary>
    public ValueTask<NDArray> ReadAsync(string path, ReadRequest? request = null, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadCore(path, request ?? ReadRequest.Default, cancellationToken), cancellationToken));

    /// <summary>
    /// Memory-maps one array (the only one, or <see cref="ReadRequest.Member"/> of <see cref="MapRequest.Read"/>) where it
    /// lies in <paramref name="path"/>, as <c>np.load(path, mmap_mode=...)</c> does: NPY files, raw data with a layout, and
    /// stored (not deflated) archive members, whose CRC-32 is then not checked. Pages are read when first touched, so
    /// the array may be far larger than memory. <see cref="NDArray.Flush"/> writes changes of a
    /// <see cref="MapMode.ReadWrite"/> mapping to the file; <see cref="NDArray.Dispose"/> unmaps it and closes the file.
    /// </summary>
    /// <exception cref="ArrayFormatException">
    /// The file cannot be read or opened with the access the mode needs, its data does not lie contiguous and uncompressed
    /// (a deflated member), it is truncated, or no mapper plugin is loaded; the message names the file.
    /// </exception>
    public NDArray Map(string path, MapRequest? request = null) => mapping.Map(path, request ?? MapRequest.Default);

    /// <summary>
    /// Creates (or overwrites) <paramref name="path"/> for an array of <paramref name="header"/> filled with zeros and maps
    /// its data read-write, as <c>np.lib.format.open_memmap(path, mode='w+')</c> does: an NPY file gets <c>np.save</c>'s
    /// header (so, once filled, the file is byte-identical to <c>np.save</c> of the array), a raw file no header.
    /// The format is chosen by <paramref name="format"/> or by the extension, as for writes. Unlike other writes the file
    /// is not replaced atomically: it is created in place and filled through the mapping.
    /// </summary>
    /// <exception cref="ArrayFormatException">The format cannot be created mapped, the file cannot be created, or no mapper plugin is loaded.</exception>
    public NDArray CreateMapped(string path, ArrayHeader header, string? format = null) => mapping.Create(path, header, format);

    /// <summary>Writes one array to <paramref name="path"/> atomically, on the calling thread.</summary>
    public void Write(string path, NDArray array, WriteRequest? request = null)
    {
        request ??= WriteRequest.Default;
        var plan = new ConversionPlan { Output = path, Write = request, Arrays = [new PlannedArray(request.MemberName ?? "arr_0", ArrayInput.FromArray(array))] };
        var run = Run(plan, null, useAsync: false, CancellationToken.None);

        // Without useAsync every step completes on this thread, so the task is already complete (or faulted).
        Debug.Assert(run.IsCompleted, "a synchronous run completes synchronously");
        run.GetAwaiter().GetResult();
    }

    /// <summary>Writes arrays (one for single-array formats) to <paramref name="path"/> atomically.</summary>
    public async ValueTask WriteAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? request = null,
        CancellationToken cancellationToken = default)
    {
        var planned = arrays.Select(a => new PlannedArray(a.Key, ArrayInput.FromArray(a.Value))).ToList();
        await Run(new ConversionPlan { Output = path, Write = request ?? WriteRequest.Default, Arrays = planned }, null, true, cancellationToken);
    }

    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="output"/>, streaming (arrays larger than memory pass
    /// through). A folder input packs its <c>.npy</c> files into an archive; a folder output (a path ending in a
    /// separator, or an existing folder) receives every member as <c>name.npy</c>, all or nothing.
    /// </summary>
    public async Task<ConversionResult> ConvertAsync(string input, string output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await ConvertCore(input, output, read, write, progress, useAsync: true, cancellationToken);

    /// <summary>
    /// <see cref="ConvertAsync"/> on the calling thread, every read and write synchronous: the cheaper call where many
    /// small files are converted on threads of the caller's own (on Unix, file I/O has no asynchronous path).
    /// </summary>
    /// <exception cref="ArrayFormatException">An input cannot be read or the output cannot be written; the message names the file.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between chunks); no output was committed.</exception>
    public ConversionResult Convert(string input, string output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = ConvertCore(input, output, read, write, progress, useAsync: false, cancellationToken);
        Debug.Assert(run.IsCompleted, "a synchronous run completes synchronously");
        return run.GetAwaiter().GetResult();
    }

    /// <summary>The plan <see cref="ConvertAsync"/> runs, to check, log or queue; its inputs are opened only to list their arrays.</summary>
    public ConversionPlan PlanConversion(string input, string output, ReadRequest? read = null, WriteRequest? write = null)
    {
        var (plan, source) = PlanKeepingInput(input, output, read ?? ReadRequest.Default, write ?? WriteRequest.Default);
        source?.Dispose();
        return plan;
    }

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

    /// <summary>
    /// For each array of <paramref name="path"/> (or only <see cref="ReadRequest.Member"/>, and only the rows asked), the
    /// narrowest dtype that holds every value exactly (see <see cref="DTypeAdvice"/>), found in one streaming pass that
    /// reads the next chunk while the cores scan the last.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file cannot be read; the message names it.</exception>
    public async Task<IReadOnlyList<DTypeAdvice>> AdviseAsync(string path, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(path, request.ForFile);
        return await Casting.ArrayAdvising.AdviseAsync(file, request, cancellationToken);
    }

    /// <summary>
    /// Compares one array of <paramref name="pathA"/> with one of <paramref name="pathB"/> (any formats: an NPY file, an
    /// archive member named by <see cref="DiffRequest.Member"/>, raw data with a layout): dtypes, shapes and, when the
    /// shapes agree, every value by its logical (C-order) index, exactly as <c>np.array_equal</c> or with tolerances as
    /// <c>np.isclose</c> (see <see cref="DiffRequest"/>). Both files are streamed in lock-step in bounded memory, so
    /// arrays larger than memory pass through; a Fortran-ordered array compared with a C-ordered one is read in blocks
    /// of rows. A dtype difference alone does not make the arrays different (<see cref="ArrayDiff.DTypesDiffer"/>).
    /// </summary>
    /// <exception cref="ArrayFormatException">
    /// A file cannot be read, a member is missing, a dtype is not numeric, or the data ends early; the message names the file.
    /// </exception>
    public async Task<ArrayDiff> DiffAsync(string pathA, string pathB, DiffRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DiffRequest();
        using var fileA = Open(pathA, (request.ReadA ?? ReadRequest.Default).ForFile);
        using var fileB = Open(pathB, (request.ReadB ?? ReadRequest.Default).ForFile);
        return await Comparing.ArrayDiffing.DiffAsync(fileA, fileB, request, cancellationToken);
    }

    /// <summary>
    /// Compares two archives member by member (<see cref="DiffAsync"/> for each name both hold, with
    /// <paramref name="request"/>'s tolerances; its <see cref="DiffRequest.Member"/> is ignored), and lists the members only
    /// one of them holds. Names match as NumPy's do (<c>np.load(f).files</c>).
    /// </summary>
    /// <exception cref="ArrayFormatException">A file is not an archive or cannot be read; the message names it.</exception>
    public async Task<ArchiveDiff> DiffMembersAsync(string pathA, string pathB, DiffRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DiffRequest();
        using var fileA = Open(pathA, (request.ReadA ?? ReadRequest.Default).ForFile);
        using var fileB = Open(pathB, (request.ReadB ?? ReadRequest.Default).ForFile);
        foreach (var file in new[] { fileA, fileB })
        {
            if (file.Format is not IMultiArrayFormat)
            {
                throw new UnsupportedArrayException($"is not an archive ({file.Format.Name}); archives are compared member by member") { SourcePath = file.Path };
            }
        }

        var namesB = fileB.Names;
        var members = new List<KeyValuePair<string, ArrayDiff>>();
        foreach (var name in fileA.Names.Where(namesB.Contains))
        {
            var diff = await Comparing.ArrayDiffing.DiffAsync(fileA, fileB, request with { Member = name }, cancellationToken);
            members.Add(new(name, diff));
        }

        return new ArchiveDiff(members, [.. fileA.Names.Except(namesB)], [.. namesB.Except(fileA.Names)]);
    }

    /// <summary>
    /// Count, NaN count, min, max, mean and population std of each array of <paramref name="path"/> (the member
    /// <paramref name="request"/> names, or every member of an archive), as a whole or per column along axis 1
    /// (<see cref="StatsRequest.Columns"/>): one streaming pass per array in bounded memory, elements in storage order
    /// (C or Fortran), float64 accumulation. See <see cref="ArrayStatistics"/> for how the values compare with NumPy's.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file cannot be read, an array is not bool, integer or float (complex,
    /// structured and text arrays are refused), or the columns are not along axis 1 of the array.</exception>
    public async Task<IReadOnlyList<ArrayStats>> StatsAsync(string path, ReadRequest? request = null, StatsRequest? stats = null,
        CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(path, request.ForFile);
        return await Statistics.ArrayStatsScanning.StatsAsync(file, request, stats ?? StatsRequest.Default, cancellationToken);
    }

    /// <summary>
    /// Appends the rows of <paramref name="source"/> to <paramref name="target"/> along axis 0: in place when the
    /// target's header has room (NumPy's growth reserve), else by an atomic rewrite.
    /// </summary>
    public async Task AppendAsync(string target, string source, ReadRequest? sourceRequest = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (rows, inPlace) = await appending.AppendAsync(target, source, sourceRequest ?? ReadRequest.Default, progress, cancellationToken);
        ArrayFilesLog.Appended(logger, target, rows, inPlace);
    }

    /// <summary>
    /// Edits an archive in place, atomically: <paramref name="edit"/> removes and sets members on an editor whose
    /// output goes to a temporary file beside <paramref name="path"/>, which then replaces it. Untouched members
    /// are copied as their stored bytes, never recompressed.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file's format cannot be edited, or an edit fails; the archive is then unchanged.</exception>
    public async Task EditArchiveAsync(string path, Func<IArrayArchiveEditor, CancellationToken, Task> edit, WriteRequest? write = null,
        CancellationToken cancellationToken = default)
    {
        await editing.EditAsync(path, edit, write ?? WriteRequest.Default, cancellationToken);
        ArrayFilesLog.Edited(logger, path);
    }

    /// <summary>Adds or replaces archive members with the given arrays, without recompressing the other members.</summary>
    public Task SetMembersAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? write = null,
        CancellationToken cancellationToken = default) =>
        EditArchiveAsync(path, async (editor, ct) =>
        {
            foreach (var (name, array) in arrays)
            {
                await ArchiveEditing.SetArrayAsync(editor, name, array, ct);
            }
        }, write, cancellationToken);

    /// <summary>Removes archive members, copying the others unchanged.</summary>
    public Task RemoveMembersAsync(string path, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        EditArchiveAsync(path, (editor, _) =>
        {
            foreach (var name in names)
            {
                editor.Remove(name);
            }

            return Task.CompletedTask;
        }, null, cancellationToken);

    /// <summary>
    /// One atomic edit of an archive: removes the members named in <paramref name="remove"/>, then sets each member of
    /// <paramref name="set"/> (name to source file) to the array read from that file (its single array, or what
    /// <paramref name="read"/> selects). The other members are copied as their stored bytes, never recompressed; on any
    /// failure the archive is left as it was.
    /// </summary>
    /// <exception cref="ArrayFormatException">A member to remove is missing, a source cannot be read, or the archive cannot be edited; the message names the file.</exception>
    public Task EditMembersAsync(string path, IEnumerable<string> remove, IEnumerable<KeyValuePair<string, string>> set, ReadRequest? read = null,
        WriteRequest? write = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remove);
        ArgumentNullException.ThrowIfNull(set);
        return EditArchiveAsync(path, async (editor, ct) =>
        {
            foreach (var name in remove)
            {
                editor.Remove(name);
            }

            foreach (var (name, source) in set)
            {
                using var array = ReadCore(source, read ?? ReadRequest.Default, ct);
                await ArchiveEditing.SetArrayAsync(editor, name, array, ct);
            }
        }, write, cancellationToken);
    }

    private NDArray ReadCore(string path, ReadRequest request, CancellationToken cancellationToken)
    {
        using var file = Open(path, request.ForFile);
        return ArrayReading.Read(file, request, cancellationToken);
    }

    // The plan's input stays open from planning to copying: one open per file, not two.
    private async ValueTask<ConversionResult> ConvertCore(string input, string output, ReadRequest? read, WriteRequest? write,
        IProgress<ArrayProgress>? progress, bool useAsync, CancellationToken cancellationToken)
    {
        read ??= ReadRequest.Default;
        var (plan, source) = PlanKeepingInput(input, output, read, write ?? WriteRequest.Default);
        var opened = source is null ? null : new PlanInputs.Opened(input, read.ForFile, source);
        return await Run(plan, opened, progress, useAsync, cancellationToken);
    }

    private (ConversionPlan Plan, ArrayFileReader? Source) PlanKeepingInput(string input, string output, ReadRequest read, WriteRequest write)
    {
        var inputIsFolder = Directory.Exists(input);
        var format = inputIsFolder || ConversionPlanner.IsFolderPath(output)
            ? null
            : FileErrors.Guard(output, () => Router.ForWrite(output, write.Format));
        return ConversionPlanner.PlanKeepingInput(input, inputIsFolder, output, read, write, format, OpenInput);
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

    private ArrayFileReader OpenInput(string path, ReadRequest request) => Open(path, request);
}
