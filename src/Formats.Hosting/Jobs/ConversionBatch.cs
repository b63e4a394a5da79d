namespace Formats.Hosting;

/// <summary>
/// Many inputs converted into one folder, planned before any runs: each input's output there, the outputs two inputs
/// would share, how many to run at once, and the jobs for a queue. <c>formats convert --outdir</c> and <c>formats submit</c>
/// plan with it; an app converting a list of files can too.
/// </summary>
public static class ConversionBatch
{
    // Copying small files without compressing them is mostly creating and renaming files in one folder, which holds the
    // folder's lock in the kernel: below this much input per thread another thread only waits for it (bench/README.md, D).
    private const long StoredBytesPerThread = 16L << 20;

    /// <summary>
    /// One job per input, each to <c>FOLDER/NAME.EXT</c> (see <see cref="JobConverter.OutputPathFor"/>), in input order.
    /// An input whose output an earlier input already has is planned with <see cref="PlannedJob.SameOutputAs"/> set, for
    /// the caller to refuse it alone.
    /// </summary>
    /// <param name="converter">Names the format's extension.</param>
    /// <param name="inputs">The files to convert.</param>
    /// <param name="folder">The folder to write to.</param>
    /// <param name="format">The output format's name; null keeps each input's extension.</param>
    /// <exception cref="UnknownFormatException">No format is called <paramref name="format"/> (checked before any input).</exception>
    public static IReadOnlyList<PlannedJob> Plan(JobConverter converter, IEnumerable<string> inputs, string folder, string? format)
    {
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(inputs);
        converter.ExtensionOf(format);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobs = new List<PlannedJob>();
        foreach (var input in inputs)
        {
            var output = converter.OutputPathFor(input, folder, format);
            jobs.Add(new PlannedJob(new ConversionJob { Input = input, Output = output }, taken.TryGetValue(output, out var first) ? first : null));
            taken.TryAdd(output, input);
        }

        return jobs;
    }

    /// <summary>Creates <paramref name="folder"/> if it does not exist (its parent must, as for a single output); true when this call created it.</summary>
    /// <exception cref="ArrayFormatException">The folder's parent does not exist.</exception>
    public static bool CreateFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (Directory.Exists(folder))
        {
            return false;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (parent is null || !Directory.Exists(parent))
        {
            throw new ArrayFormatException($"{folder}: the output folder's parent does not exist");
        }

        Directory.CreateDirectory(folder);
        return true;
    }

    /// <summary>
    /// How many of <paramref name="inputs"/> to convert at once: one per core when compressing; otherwise one per 16 MiB
    /// of input, at least one and at most one per core (more threads only wait for the output folder's lock).
    /// </summary>
    public static int Parallelism(IEnumerable<string> inputs, bool compressing)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (compressing)
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

    /// <summary>
    /// <paramref name="inputs"/> as full paths, a folder standing for its files (not its subfolders) in ordinal order,
    /// without the names a producer is still writing (<c>.*</c>, <c>*.tmp</c>, <c>*.part</c>, as the folder worker skips them).
    /// </summary>
    /// <exception cref="FileNotFoundException">An input is neither a file nor a folder.</exception>
    public static IEnumerable<string> ExpandFolders(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs.Select(Path.GetFullPath))
        {
            if (Directory.Exists(input))
            {
                foreach (var file in Directory.EnumerateFiles(input).Order(StringComparer.Ordinal).Where(f => !InboxScanner.IsIgnored(Path.GetFileName(f))))
                {
                    yield return file;
                }
            }
            else
            {
                yield return File.Exists(input) ? input : throw new FileNotFoundException($"{input}: no such file or folder");
            }
        }
    }

    /// <summary>
    /// <see cref="ExpandFolders(IEnumerable{string})"/> where inputs may also be locations a store in
    /// <paramref name="storages"/> serves (<c>s3://bucket/prefix/</c>): such a prefix stands for the objects directly under
    /// it, in ordinal order, without the names a producer is still writing; such an object is kept as given.
    /// </summary>
    /// <param name="inputs">Paths and store locations.</param>
    /// <param name="storages">The stores (<c>IEnumerable&lt;IArrayStorage&gt;</c> from the container).</param>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="ArrayFormatException">A store cannot be listed (no such bucket, access denied, unreachable).</exception>
    public static IEnumerable<string> ExpandFolders(IEnumerable<string> inputs, IEnumerable<IArrayStorage> storages)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(storages);
        var stores = storages.ToList();
        foreach (var input in inputs)
        {
            if (stores.FirstOrDefault(s => s.Handles(input)) is not { } store)
            {
                foreach (var file in ExpandFolders([input]))
                {
                    yield return file;
                }

                continue;
            }

            var directory = input.EndsWith('/') ? store.GetDirectory(input) ?? throw new ArrayFileAccessException("nothing is stored under this prefix", missing: true) { SourcePath = input }
                : store.GetDirectory(input);
            if (directory is null)
            {
                yield return input;
                continue;
            }

            var prefix = input.EndsWith('/') ? input : input + "/";
            foreach (var entry in directory.List().Where(e => !e.EndsWith('/') && !InboxScanner.IsIgnored(e)).Order(StringComparer.Ordinal))
            {
                yield return prefix + entry;
            }
        }
    }

    /// <summary>
    /// Jobs for a queue's workers, one per input, each with an id of its own and <paramref name="batch"/>: written to
    /// <c>OUTBOX/NAME.EXT</c>, an archive's member named after the input by the engine (unless <paramref name="write"/>
    /// names it), a single array written to a directory store (Zarr) at its root.
    /// </summary>
    /// <param name="inputs">The files to convert (full paths, as the workers will see them).</param>
    /// <param name="outbox">The folder for the outputs.</param>
    /// <param name="extension">The output's extension with its dot, or empty.</param>
    /// <param name="batch">The submission's id.</param>
    /// <param name="read">How to read every input.</param>
    /// <param name="write">How to write every output.</param>
    /// <exception cref="ArgumentException">Two inputs would be written to the same output.</exception>
    public static IReadOnlyList<ConversionJob> ForQueue(IEnumerable<string> inputs, string outbox, string extension, string batch, JobRead? read, JobWrite write)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(write);
        var jobs = inputs
            .Select(input => new ConversionJob
            {
                Id = Guid.NewGuid().ToString("N"),
                Batch = batch,
                Input = input,
                Output = Path.Combine(outbox, Path.GetFileNameWithoutExtension(input) + extension),
                Read = read,
                Write = write,
            })
            .ToList();
        if (jobs.GroupBy(j => j.Output, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
#pragma warning disable CA2208 // the message names the inputs; no parameter name is wanted in it
            throw new ArgumentException($"{string.Join(" and ", clash.Select(j => j.Input))} would both be written to {clash.Key}");
#pragma warning restore CA2208
        }

        return jobs;
    }
}
