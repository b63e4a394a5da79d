using System.Diagnostics.CodeAnalysis;
using Formats.Discovery;
using Formats.Files;
using Formats.Pipeline;
using Formats.Reading;
using Formats.Routing;
using Formats.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Formats;

/// <summary>
/// The facade applications use: open, inspect, read, write, convert and append array files. It owns the files: it
/// routes each to a format, writes atomically (temporary file, then rename), streams data in chunks with cancellation
/// and progress, and names the file in every error. Conversions are <see cref="ConversionPlan"/>s run by one pipeline.
/// </summary>
/// <remarks>
/// A location string (a path, or <c>s3://...</c> when such a storage is registered) is served by an
/// <see cref="IArrayStorage"/>, the file system by default; overloads taking an <see cref="IArraySource"/> or
/// <see cref="IArrayOutput"/> read and write any other store. Appending in place and memory mapping need a local file;
/// editing an archive reads and replaces it through its storage.
/// </remarks>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "A path and a source (or output) overload differ in the type of their first parameter, so no call is ambiguous.")]
public sealed partial class ArrayFiles
{
    private readonly ArrayFormatsOptions options;
    private readonly ILogger logger;
    private readonly StorageResolver storage;
    private readonly ConversionPipeline pipeline;
    private readonly RowAppending appending;
    private readonly ArchiveEditing editing;
    private readonly ArrayMapping mapping;

    /// <summary>Creates the facade over the file system alone.</summary>
    /// <param name="router">Chooses formats.</param>
    /// <param name="options">The engine's limits.</param>
    /// <param name="logger">Where to log; none by default.</param>
    /// <param name="catalog">The plugins, for services other than formats (the memory mapper); none by default.</param>
    /// <exception cref="OptionsValidationException">The configured options are invalid; the message lists each problem.</exception>
    public ArrayFiles(FormatRouter router, IOptions<ArrayFormatsOptions> options, ILogger<ArrayFiles>? logger = null, PluginCatalog? catalog = null)
        : this(router, options, [], logger, catalog)
    {
    }

    /// <summary>Creates the facade; normally resolved from the container set up by <c>AddArrayFormats</c>.</summary>
    /// <param name="router">Chooses formats.</param>
    /// <param name="options">The engine's limits.</param>
    /// <param name="storages">The stores location strings may name, asked in order; the file system serves the rest.</param>
    /// <param name="logger">Where to log; none by default.</param>
    /// <param name="catalog">The plugins, for services other than formats (the memory mapper); none by default.</param>
    /// <exception cref="OptionsValidationException">The configured options are invalid; the message lists each problem.</exception>
    public ArrayFiles(FormatRouter router, IOptions<ArrayFormatsOptions> options, IEnumerable<IArrayStorage> storages, ILogger<ArrayFiles>? logger = null,
        PluginCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storages);
        Router = router;
        this.options = options.Value;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        storage = new StorageResolver(storages);
        pipeline = new ConversionPipeline(router, this.options, storage, OpenInput);
        appending = new RowAppending(router, this.options, pipeline, Open);
        editing = new ArchiveEditing(router, this.options, storage);
        mapping = new ArrayMapping(router, Open, () => catalog?.GetService<IArrayMapper>());
    }

    /// <summary>The router choosing formats.</summary>
    public FormatRouter Router { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its headers. A directory is opened by the <see cref="IDirectoryArrayFormat"/>
    /// that claims it; a plain folder is not an array file.
    /// </summary>
    /// <exception cref="ArrayFormatException">The format is unknown or the headers are bad; the message names the file.</exception>
    public ArrayFileReader Open(string path, ReadRequest? request = null)
    {
        request ??= ReadRequest.Default;
        var store = storage.For(path);
        if (FileErrors.Guard(path, () => store.GetDirectory(path)) is { } directory)
        {
            var format = FileErrors.Guard(path, () => Router.ForDirectory(directory, request.Format))
                ?? throw new ArrayFileAccessException("is a folder", missing: false) { SourcePath = path };
            var reader = FileErrors.Guard(path, () => format.CreateReader(directory, RequestOptions.ToReadOptions(request, options)));
            return new ArrayFileReader(path, format, null, null, reader, null);
        }

        var source = store.GetSource(path);
        try
        {
            return OpenCore(source, request, source as IDisposable);
        }
        catch
        {
            (source as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="source"/> and reads its headers; the source stays the caller's.</summary>
    /// <exception cref="ArrayFormatException">The format is unknown or the headers are bad; the message names the source.</exception>
    public ArrayFileReader Open(IArraySource source, ReadRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return OpenCore(source, request ?? ReadRequest.Default, null);
    }

    /// <summary>
    /// Describes the arrays in <paramref name="path"/> without reading their data. An archive member whose header
    /// cannot be read is listed in <see cref="ArrayFileInfo.Failures"/> while the others are still described.
    /// </summary>
    public ArrayFileInfo Inspect(string path, ReadRequest? request = null)
    {
        using var file = Open(path, request);
        return Describe(file, request?.IndexOnly == true);
    }

    /// <summary><see cref="Inspect(string, ReadRequest?)"/> of a source.</summary>
    public ArrayFileInfo Inspect(IArraySource source, ReadRequest? request = null)
    {
        using var file = Open(source, request);
        return Describe(file, request?.IndexOnly == true);
    }

    /// <summary>Reads one array (the only one, or <see cref="ReadRequest.Member"/>), optionally only some rows.</summary>
    /// <remarks>Synchronous end to end: on Unix file I/O has no asynchronous path, so a thread-pool hop only adds cost.</remarks>
    public NDArray Read(string path, ReadRequest? request = null)
    {
        request ??= ReadRequest.Default;
        return ReadCore(() => Open(path, request.ForFile), request, CancellationToken.None);
    }

    /// <summary>Reads one array of a source; large stored arrays are read with parallel <see cref="IArraySource.ReadAt"/> calls.</summary>
    public NDArray Read(IArraySource source, ReadRequest? request = null)
    {
        request ??= ReadRequest.Default;
        return ReadCore(() => Open(source, request.ForFile), request, CancellationToken.None);
    }

    /// <summary>Reads one array on the thread pool, cancellable between windows.</summary>
    public ValueTask<NDArray> ReadAsync(string path, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        return new(Task.Run(() => ReadCore(() => Open(path, request.ForFile), request, cancellationToken), cancellationToken));
    }

    /// <summary><see cref="ReadAsync(string, ReadRequest?, CancellationToken)"/> of a source.</summary>
    public ValueTask<NDArray> ReadAsync(IArraySource source, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        return new(Task.Run(() => ReadCore(() => Open(source, request.ForFile), request, cancellationToken), cancellationToken));
    }

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

    private ArrayFileReader OpenCore(IArraySource source, ReadRequest request, IDisposable? owned)
    {
        var path = source.Name;
        var stream = FileErrors.Guard(path, source.OpenRead);
        try
        {
            var format = FileErrors.Guard(path, () => Router.ForRead(stream, path, request.Format));
            var reader = FileErrors.Guard(path, () => format.CreateReader(stream, RequestOptions.ToReadOptions(request, options)));
            return new ArrayFileReader(path, format, source, stream, reader, owned);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static ArrayFileInfo Describe(ArrayFileReader file, bool indexOnly)
    {
        if (indexOnly && file.Format is IMultiArrayFormat)
        {
            return new ArrayFileInfo(file.Path, file.Format, []) { Listed = file.Members };
        }

        // A reader's Entries may say more than Describe, which every read calls (a Zarr store's stored sizes, which
        // list its chunks); a member that cannot be read makes it throw, and then each is described alone.
        try
        {
            return new ArrayFileInfo(file.Path, file.Format, file.Entries);
        }
        catch (ArrayFormatException)
        {
            // Described one by one below, each failure kept with its member.
        }

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

        return new ArrayFileInfo(file.Path, file.Format, entries) { Failures = failures };
    }

    private static NDArray ReadCore(Func<ArrayFileReader> open, ReadRequest request, CancellationToken cancellationToken)
    {
        using var file = open();
        return ArrayReading.Read(file, request, cancellationToken);
    }

    private ArrayFileReader OpenInput(PlanInputs.Key key) => key.Source is { } source ? Open(source, key.Request) : Open(key.Path!, key.Request);
}
