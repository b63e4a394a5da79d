namespace Formats.Pipeline;

/// <summary>
/// Turns "convert INPUT to OUTPUT" into a <see cref="ConversionPlan"/>: a folder input packs its <c>.npy</c> files; a
/// folder output receives every member; an archive copied to an archive keeps every member; otherwise one array
/// (the only one, or the member named) is written, named after its member or its input file.
/// </summary>
internal static class ConversionPlanner
{
    /// <summary>
    /// Plans the conversion and hands back the input it opened to list the arrays (none for a folder input), so that
    /// running the plan at once reads the file through the same handle instead of opening it again; the caller owns it.
    /// </summary>
    public static (ConversionPlan Plan, ArrayFileReader? Source) PlanKeepingInput(string input, bool inputIsFolder, string output, ReadRequest read,
        WriteRequest write, IArrayFormat? outputFormat, Func<string, ReadRequest, ArrayFileReader> open)
    {
        // A conversion casts once, while it writes: a cast asked of the read is that cast.
        if (read.Cast is { } readCast)
        {
            write = write.Cast is null
                ? write with { Cast = readCast }
                : throw new ArrayFormatException("a conversion casts once: give the cast in the ReadRequest or in the WriteRequest, not both") { SourcePath = input };
            read = read with { Cast = null };
        }

        if (inputIsFolder)
        {
            var files = Directory.GetFiles(input, "*.npy").Order(StringComparer.Ordinal);
            return (new ConversionPlan
            {
                Output = output,
                Write = write,
                Arrays = [.. files.Select(f => new PlannedArray(Path.GetFileNameWithoutExtension(f), ArrayInput.FromFile(f, read with { Member = null })))],
            }, null);
        }

        var source = open(input, read.ForFile);
        try
        {
            return (PlanFrom(source, input, output, read, write, outputFormat), source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static ConversionPlan PlanFrom(ArrayFileReader source, string input, string output, ReadRequest read, WriteRequest write, IArrayFormat? outputFormat)
    {
        var inputIsArchive = source.Format is IMultiArrayFormat;

        // A member name selects from an archive input; a single-array input has nothing to select.
        var member = inputIsArchive ? read.Member : null;
        // A single array is named after its file; an archive's member keeps its name, even the empty one.
        PlannedArray From(string name) => inputIsArchive
            ? new(name, ArrayInput.FromFile(input, read with { Member = name }))
            : new(Path.GetFileNameWithoutExtension(input), ArrayInput.FromFile(input, read with { Member = null }));

        if (IsFolderPath(output))
        {
            var names = member is null ? source.Names : [source.Select(member).Name];
            return new ConversionPlan { Output = output, Write = write, ToFolder = true, Arrays = [.. names.Select(From)] };
        }

        if (outputFormat is IMultiArrayFormat && inputIsArchive && member is null)
        {
            return new ConversionPlan { Output = output, Write = write, Arrays = [.. source.Names.Select(From)] };
        }

        var entry = source.Select(member);
        var planned = From(entry.Name);
        return new ConversionPlan { Output = output, Write = write, Arrays = [planned with { Name = write.MemberName ?? planned.Name }] };
    }

    /// <summary>A path ending in a separator, or an existing folder.</summary>
    public static bool IsFolderPath(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(path);
}
