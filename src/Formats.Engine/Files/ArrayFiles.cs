using System.Buffers;
using Formats.Files;
using Formats.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Formats;

/// <summary>
/// The facade applications use: open, inspect, read, write, convert and append array files by path.
/// It owns the files: it routes each to a format, writes atomically (temporary file, then rename), streams
/// data in chunks with cancellation and progress, and names the file in every error.
/// </summary>
public sealed partial class ArrayFiles
{
    private const int MaxWindow = 1 << 28;
    private const long ParallelReadThreshold = 16L << 20;
    private readonly ArrayFormatsOptions options;
    private readonly ILogger logger;

    /// <summary>Creates the facade; normally resolved from the container set up by <c>AddArrayFormats</c>.</summary>
    public ArrayFiles(FormatRouter router, IOptions<ArrayFormatsOptions> options, ILogger<ArrayFiles>? logger = null)
    {
        Router = router;
        this.options = options.Value;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The router choosing formats.</summary>
    public FormatRouter Router { get; }

    /// <summary>Opens <paramref name="path"/> and reads its headers.</summary>
    /// <exception cref="ArrayFormatException">The format is unknown or the headers are bad; the message names the file.</exception>
    public ArrayFileReader Open(string path, ReadRequest? request = null)
    {
        request ??= ReadRequest.Default;
        var stream = OpenRead(path);
        try
        {
            var format = Guard(path, () => Router.ForRead(stream, path, request.Format));
            var reader = Guard(path, () => format.CreateReader(stream, ToReadOptions(request)));
            return new ArrayFileReader(path, format, stream, reader);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Describes the arrays in <paramref name="path"/> without reading their data.</summary>
    public ArrayFileInfo Inspect(string path, ReadRequest? request = null)
    {
        using var file = Open(path, request);
        return new ArrayFileInfo(path, file.Format, file.Entries);
    }

    /// <summary>Reads one array (the only one, or <see cref="ReadRequest.Member"/>), optionally only some rows.</summary>
    /// <remarks>
    /// Synchronous end to end: the data goes from the file straight into the array's storage on the calling thread,
    /// with no thread-pool hop per window (on Unix, file I/O has no true asynchronous path, so <see cref="ReadAsync"/>
    /// only adds a hand-off; it matters for row reads and small arrays).
    /// </remarks>
    public NDArray Read(string path, ReadRequest? request = null) => ReadCore(path, request ?? ReadRequest.Default, CancellationToken.None);

    /// <summary>Reads one array on the thread pool (file I/O on Unix has no asynchronous path to await), cancellable between windows.</summary>
    public ValueTask<NDArray> ReadAsync(string path, ReadRequest? request = null, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => ReadCore(path, request ?? ReadRequest.Default, cancellationToken), cancellationToken));

    private NDArray ReadCore(string path, ReadRequest request, CancellationToken cancellationToken)
    {
        using var file = Open(path, request);
        var entry = file.Select(request.Member);
        var rows = ResolveRows(path, entry, request);
        using var data = file.OpenData(entry.Name, rows);
        var array = NDArray.Allocate(data.Header);
        try
        {
            Guard(path, () =>
            {
                if (CanReadInParallel(file, entry, array))
                {
                    ReadInParallel(file, entry, rows, array, cancellationToken);
                    return true;
                }

                for (long offset = 0; offset < array.ByteLength;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var window = array.Storage.GetSpan(offset, (int)Math.Min(MaxWindow, array.ByteLength - offset));
                    ReadFully(data, window);
                    offset += window.Length;
                }

                return true;
            });
            return array;
        }
        catch
        {
            array.Dispose();
            throw;
        }
    }

    /// <summary>Writes one array to <paramref name="path"/> atomically.</summary>
    /// <remarks>Synchronous end to end, like <see cref="Read"/>: the array's storage goes to the file in large windows on the calling thread.</remarks>
    public void Write(string path, NDArray array, WriteRequest? request = null)
    {
        request ??= WriteRequest.Default;
        var name = request.MemberName ?? "arr_0";
        var format = Guard(path, () => Router.ForWrite(path, request.Format));
        using var file = AtomicFile.Create(path, ExpectedLength(request, array.ByteLength));
        Guard(path, () =>
        {
            using var writer = format.CreateWriter(file.Stream, ToWriteOptions(request));
            using (var sink = writer.BeginArray(name, array.Header))
            {
                for (long offset = 0; offset < array.ByteLength;)
                {
                    var window = array.Storage.GetSpan(offset, (int)Math.Min(MaxWindow, array.ByteLength - offset));
                    sink.Write(window);
                    offset += window.Length;
                }

                sink.Complete();
            }

            writer.Complete();
            return true;
        });
        file.Commit();
        Log.Wrote(logger, path, format.Name, 1);
    }

    /// <summary>Writes arrays (one for single-array formats) to <paramref name="path"/> atomically.</summary>
    public async ValueTask WriteAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? request = null,
        CancellationToken cancellationToken = default)
    {
        request ??= WriteRequest.Default;
        var list = arrays.ToList();
        var format = Guard(path, () => Router.ForWrite(path, request.Format));
        CheckSingle(format, list.Count, path);
        await using var file = AtomicFile.Create(path, ExpectedLength(request, list.Sum(a => a.Value.ByteLength)));
        await GuardAsync(path, async () =>
        {
            using var writer = format.CreateWriter(file.Stream, ToWriteOptions(request));
            foreach (var (name, array) in list)
            {
                await using var sink = writer.BeginArray(name, array.Header);
                await WriteDataAsync(array, sink, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
            return true;
        });
        file.Commit();
        Log.Wrote(logger, path, format.Name, list.Count);
    }

    /// <summary>
    /// Converts <paramref name="input"/> to <paramref name="output"/>, streaming (arrays larger than memory pass
    /// through). A folder input packs its <c>.npy</c> files into an archive; a folder output (a path ending in a
    /// separator, or an existing folder) receives every member as <c>name.npy</c>.
    /// </summary>
    public async Task<ConversionResult> ConvertAsync(string input, string output, ReadRequest? read = null, WriteRequest? write = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        read ??= ReadRequest.Default;
        write ??= WriteRequest.Default;
        if (Directory.Exists(input))
        {
            return await PackFolderAsync(input, output, read, write, progress, cancellationToken);
        }

        using var source = Open(input, read);
        if (IsFolderPath(output))
        {
            return await ExtractAsync(source, output, read, write, progress, cancellationToken);
        }

        var format = Guard(output, () => Router.ForWrite(output, write.Format));
        var multi = format.Capabilities.HasFlag(FormatCapabilities.MultiArray);

        // A member name selects from an archive input; a single-array input has nothing to select.
        var member = source.Format.Capabilities.HasFlag(FormatCapabilities.MultiArray) ? read.Member : null;
        List<(ArrayEntry Entry, string Target)> plan;
        if (multi && source.Format.Capabilities.HasFlag(FormatCapabilities.MultiArray) && string.IsNullOrEmpty(member))
        {
            plan = [.. source.Entries.Select(e => (e, e.Name))];
        }
        else
        {
            var entry = source.Select(member);
            var target = write.MemberName ?? (entry.Name.Length > 0 ? entry.Name : Path.GetFileNameWithoutExtension(input));
            plan = [(entry, target)];
        }

        return await CopyAsync(source, plan, output, format, read, write, progress, cancellationToken);
    }

    /// <summary>
    /// Appends the rows of <paramref name="source"/> to <paramref name="target"/> along axis 0: in place when the
    /// target's header has room (NumPy's growth reserve), else by an atomic rewrite.
    /// </summary>
    public async Task AppendAsync(string target, string source, ReadRequest? sourceRequest = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        sourceRequest ??= ReadRequest.Default;
        using var src = Open(source, sourceRequest);
        var entry = src.Select(sourceRequest.Member);
        await using var data = src.OpenData(entry.Name, ResolveRows(source, entry, sourceRequest));
        IAppendableArrayFormat format;
        var total = data.Header.ByteLength;
        await using (var stream = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1))
        {
            format = Guard(target, () => Router.ForRead(stream, target)) as IAppendableArrayFormat
                ?? throw new ArrayFormatException("this format cannot be appended to") { SourcePath = target };
            var targetRequest = new ReadRequest { MaxHeaderSize = sourceRequest.MaxHeaderSize };
            var inPlace = Guard(target, () => format.TryBeginAppend(stream, data.Header, ToReadOptions(targetRequest)));
            if (inPlace is not null)
            {
                await using (inPlace)
                {
                    await GuardAsync(target, async () =>
                    {
                        await CopyDataAsync(data, inPlace, "", 0, total, progress, cancellationToken);
                        await inPlace.CompleteAsync(cancellationToken);
                        return true;
                    });
                }

                Log.Appended(logger, target, entry.Header.Shape.Count > 0 ? data.Header.Shape[0] : 0, true);
                return;
            }
        }

        // No room in the header: rewrite the whole file beside it and swap it in.
        using var existing = Open(target, new ReadRequest { MaxHeaderSize = sourceRequest.MaxHeaderSize });
        var old = existing.Entries[0];
        var combined = old.Header with { Shape = old.Header.Shape.WithLength0(checked(old.Header.Shape[0] + data.Header.Shape[0])) };
        var all = old.Header.ByteLength + total;
        await using var file = AtomicFile.Create(target, all);
        await GuardAsync(target, async () =>
        {
            using var writer = format.CreateWriter(file.Stream, ArrayWriteOptions.Default);
            await using var sink = writer.BeginArray(null, combined);
            await using (var oldData = existing.OpenData())
            {
                await CopyDataAsync(oldData, sink, "", 0, all, progress, cancellationToken);
            }

            await CopyDataAsync(data, sink, "", old.Header.ByteLength, all, progress, cancellationToken);
            await sink.CompleteAsync(cancellationToken);
            await writer.CompleteAsync(cancellationToken);
            return true;
        });
        existing.Dispose();
        file.Commit();
        Log.Appended(logger, target, data.Header.Shape[0], false);
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
        write ??= WriteRequest.Default;
        await using (var source = OpenRead(path))
        {
            var format = Guard(path, () => Router.ForRead(source, path)) as IEditableArchiveFormat
                ?? throw new ArrayFormatException("this format's files cannot be edited member by member") { SourcePath = path };
            await using var file = AtomicFile.Create(path);
            await GuardAsync(path, async () =>
            {
                using var editor = format.CreateEditor(source, file.Stream, ToReadOptions(ReadRequest.Default), ToWriteOptions(write));
                await edit(editor, cancellationToken);
                editor.Complete();
                return true;
            });
            source.Dispose();
            file.Commit();
        }

        Log.Edited(logger, path);
    }

    /// <summary>Adds or replaces archive members with the given arrays, without recompressing the other members.</summary>
    public Task SetMembersAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? write = null,
        CancellationToken cancellationToken = default) =>
        EditArchiveAsync(path, async (editor, ct) =>
        {
            foreach (var (name, array) in arrays)
            {
                await using var sink = editor.SetArray(name, array.Header);
                await WriteDataAsync(array, sink, ct);
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

    private async Task<ConversionResult> CopyAsync(ArrayFileReader source, List<(ArrayEntry Entry, string Target)> plan, string output,
        IArrayFormat format, ReadRequest read, WriteRequest write, IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        CheckSingle(format, plan.Count, output);
        var rowsByEntry = plan.Select(p => ResolveRows(source.Path, p.Entry, read)).ToList();
        var total = 0L;
        for (var i = 0; i < plan.Count; i++)
        {
            total += rowsByEntry[i] is { } r ? checked(r.Count * plan[i].Entry.Header.RowByteLength) : plan[i].Entry.Header.ByteLength;
        }

        await using var file = AtomicFile.Create(output, ExpectedLength(write, total));
        var done = 0L;
        await GuardAsync(output, async () =>
        {
            using var writer = format.CreateWriter(file.Stream, ToWriteOptions(write));
            for (var i = 0; i < plan.Count; i++)
            {
                var (entry, target) = plan[i];
                await using var data = source.OpenData(entry.Name, rowsByEntry[i]);
                await using var sink = writer.BeginArray(target, data.Header);
                done = await CopyDataAsync(data, sink, target, done, total, progress, cancellationToken);
                await sink.CompleteAsync(cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
            return true;
        }, source.Path);
        file.Commit();
        Log.Converted(logger, source.Path, output, format.Name, total);
        return new ConversionResult(output, format, [.. plan.Select(p => p.Target)], total);
    }

    private async Task<ConversionResult> ExtractAsync(ArrayFileReader source, string folder, ReadRequest read, WriteRequest write,
        IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = string.IsNullOrEmpty(read.Member) ? source.Entries : [source.Select(read.Member)];
        var names = new List<string>();
        var bytes = 0L;
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        foreach (var entry in entries)
        {
            var name = entry.Name.Length > 0 ? entry.Name : Path.GetFileNameWithoutExtension(source.Path);
            var target = SafeChildPath(root, name, source.Path);
            var format = Guard(target, () => Router.ForWrite(target, write.Format ?? "npy"));
            var result = await CopyAsync(source, [(entry, name)], target, format, read, write, progress, cancellationToken);
            names.Add(name);
            bytes += result.DataBytes;
        }

        return new ConversionResult(folder, Router.ForWrite("x.npy", write.Format ?? "npy"), names, bytes);
    }

    private async Task<ConversionResult> PackFolderAsync(string folder, string output, ReadRequest read, WriteRequest write,
        IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        var format = Guard(output, () => Router.ForWrite(output, write.Format));
        var files = Directory.GetFiles(folder, "*.npy").Order(StringComparer.Ordinal).ToList();
        CheckSingle(format, files.Count, output);
        var readers = new List<ArrayFileReader>();
        try
        {
            foreach (var f in files)
            {
                readers.Add(Open(f, read with { Member = null }));
            }

            var total = readers.Sum(r => r.Entries[0].Header.ByteLength);
            await using var file = AtomicFile.Create(output, ExpectedLength(write, total));
            var done = 0L;
            await GuardAsync(output, async () =>
            {
                using var writer = format.CreateWriter(file.Stream, ToWriteOptions(write));
                foreach (var r in readers)
                {
                    var name = Path.GetFileNameWithoutExtension(r.Path);
                    await using var data = r.OpenData();
                    await using var sink = writer.BeginArray(name, data.Header);
                    done = await CopyDataAsync(data, sink, name, done, total, progress, cancellationToken);
                    await sink.CompleteAsync(cancellationToken);
                }

                await writer.CompleteAsync(cancellationToken);
                return true;
            });
            file.Commit();
            return new ConversionResult(output, format, [.. readers.Select(r => Path.GetFileNameWithoutExtension(r.Path))], total);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private async Task<long> CopyDataAsync(ArrayReadStream data, ArrayWriteStream sink, string member, long done, long total,
        IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        var size = (int)Math.Min(options.CopyBufferSize, Math.Max(4096, data.Header.ByteLength));
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = await data.ReadAsync(buffer.AsMemory(0, size), cancellationToken);
                if (n == 0)
                {
                    return done;
                }

                await sink.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                done += n;
                progress?.Report(new ArrayProgress(member, done, total));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Large data of a single-array format that lies contiguous in the file (NPY, raw: <see cref="ArrayEntry.DataOffset"/>
    /// known, not compressed) is read with positional reads in as many parts as there are cores (up to 4): copying from
    /// the page cache and faulting in a new array's memory are CPU work that one thread cannot saturate. Archives are
    /// left to their own streams, which may check checksums as they read.
    /// </summary>
    private static bool CanReadInParallel(ArrayFileReader file, ArrayEntry entry, NDArray array) =>
        Environment.ProcessorCount > 1 && array.ByteLength >= ParallelReadThreshold && !entry.Compressed && entry.DataOffset is not null
        && file.Format.Capabilities.HasFlag(FormatCapabilities.Mappable) && !file.Format.Capabilities.HasFlag(FormatCapabilities.MultiArray)
        && file.Stream is FileStream;

    /// <summary>
    /// Reads the data for <see cref="CanReadInParallel"/>. The format reader has already validated the header, the rows
    /// and the file's length (<see cref="ArrayFileReader.OpenData"/>); a file that shrinks meanwhile still fails as truncated.
    /// </summary>
    private static void ReadInParallel(ArrayFileReader file, ArrayEntry entry, RowRange? rows, NDArray array, CancellationToken cancellationToken)
    {
        var parts = Math.Min(Environment.ProcessorCount, 4);
        var start = entry.DataOffset!.Value + (rows is { } r ? r.Start * entry.Header.RowByteLength : 0);
        var handle = ((FileStream)file.Stream).SafeFileHandle;
        var total = array.ByteLength;
        var part = ((total / parts) + 4095) & ~4095L;
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, i =>
            {
                var end = Math.Min(total, (i + 1) * part);
                for (var offset = i * part; offset < end;)
                {
                    var n = RandomAccess.Read(handle, array.Storage.GetSpan(offset, (int)Math.Min(MaxWindow, end - offset)), start + offset);
                    if (n == 0)
                    {
                        throw new MalformedArrayException($"data is truncated: the file ends {total - offset} bytes before the array does (file seems not fully written)");
                    }

                    offset += n;
                }
            });
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Streams an array's storage into <paramref name="sink"/> in large windows and completes it.</summary>
    private static async Task WriteDataAsync(NDArray array, ArrayWriteStream sink, CancellationToken cancellationToken)
    {
        for (long offset = 0; offset < array.ByteLength;)
        {
            var window = array.Storage.GetMemory(offset, (int)Math.Min(MaxWindow, array.ByteLength - offset));
            await sink.WriteAsync(window, cancellationToken);
            offset += window.Length;
        }

        await sink.CompleteAsync(cancellationToken);
    }

    private static void ReadFully(Stream stream, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = stream.Read(buffer);
            if (n == 0)
            {
                throw new MalformedArrayException($"data ends {buffer.Length} bytes early");
            }

            buffer = buffer[n..];
        }
    }

    private static RowRange? ResolveRows(string path, ArrayEntry entry, ReadRequest request)
    {
        if (!request.HasRows)
        {
            return null;
        }

        if (entry.Header.Shape.Rank == 0)
        {
            throw new ArrayFormatException("a 0-d array has no rows to select") { SourcePath = path };
        }

        return RowRange.Resolve(request.RowStart, request.RowStop, entry.Header.Shape[0]);
    }

    private static void CheckSingle(IArrayFormat format, int count, string path)
    {
        if (count != 1 && !format.Capabilities.HasFlag(FormatCapabilities.MultiArray))
        {
            throw new ArrayFormatException($"format {format.Name} holds exactly one array, not {count}") { SourcePath = path };
        }
    }

    private static string SafeChildPath(string root, string name, string source)
    {
        var target = Path.GetFullPath(Path.Combine(root, name + ".npy"));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!target.StartsWith(prefix, StringComparison.Ordinal) || name.Contains('/') || name.Contains('\\') || Path.IsPathRooted(name))
        {
            throw new MalformedArrayException($"member name '{name}' would escape the target folder") { SourcePath = source };
        }

        return target;
    }

    private static bool IsFolderPath(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(path);

    private static long ExpectedLength(WriteRequest request, long dataBytes) =>
        request.Compress || request.CompressionLevel > 0 ? 0 : dataBytes + 4096;

    private ArrayReadOptions ToReadOptions(ReadRequest request) => new()
    {
        MaxHeaderSize = request.MaxHeaderSize ?? options.MaxHeaderSize,
        Layout = request.Layout,
        MaxCompressionRatio = options.MaxCompressionRatio,
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
    };

    private ArrayWriteOptions ToWriteOptions(WriteRequest request) => new()
    {
        Compress = request.Compress || request.CompressionLevel > 0,
        CompressionLevel = request.CompressionLevel,
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
    };

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                // Headers are small and large data reads bypass the buffer: 4 KiB keeps opening cheap (row reads).
                BufferSize = 4096,
                Options = FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArrayFormatException("no such file") { SourcePath = path };
        }
        catch (UnauthorizedAccessException)
        {
            throw new ArrayFormatException("permission denied") { SourcePath = path };
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Wrote {Path} as {Format} ({Count} arrays)")]
        public static partial void Wrote(ILogger logger, string path, string format, int count);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Converted {Input} to {Output} as {Format} ({Bytes} data bytes)")]
        public static partial void Converted(ILogger logger, string input, string output, string format, long bytes);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Edited archive {Path}")]
        public static partial void Edited(ILogger logger, string path);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Appended {Rows} rows to {Path} (in place: {InPlace})")]
        public static partial void Appended(ILogger logger, string path, long rows, bool inPlace);
    }
}
