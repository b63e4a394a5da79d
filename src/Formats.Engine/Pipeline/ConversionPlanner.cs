namespace Formats.Pipeline;

/// <summary>
/// Turns "convert INPUT to OUTPUT" into a <see cref="ConversionPlan"/>: a directory output receives every member; an
/// archive copied to an archive keeps every member; otherwise one array (the only one, or the member named) is
/// written, named after its member or its input (a single-array input written to a directory store: unnamed, the store's root). (A plain folder input is planned by <see cref="Folders.NpyFolder"/>.)
/// </summary>
internal static class ConversionPlanner
{
    /// <summary>A conversion casts once, while it writes: a cast asked of the read is that cast.</summary>
    /// <exception cref="ArrayFormatException">Both requests ask for a cast.</exception>
    public static (ReadRequest Read, WriteRequest Write) CastOnWrite(ReadRequest read, WriteRequest write, string input)
    {
        if (read.Cast is not { } readCast)
        {
            return (read, write);
        }

        return (read with { Cast = null }, write.Cast is null
            ? write with { Cast = readCast }
            : throw new ArrayFormatException("a conversion casts once: give the cast in the ReadRequest or in the WriteRequest, not both") { SourcePath = input });
    }

    /// <summary>
    /// Plans the conversion of the file <paramref name="source"/> (opened by the caller to list its arrays, read as
    /// <paramref name="input"/> says) into <paramref name="output"/>: a directory when <paramref name="toFolder"/>, else a
    /// file of <paramref name="outputFormat"/>.
    /// </summary>
    public static ConversionPlan Plan(ArrayFileReader source, PlanInputs.Key input, string output, IArrayOutput? destination, bool toFolder,
        ReadRequest read, WriteRequest write, IArrayFormat? outputFormat)
    {
        var inputIsArchive = source.Format is IMultiArrayFormat;

        // A directory store whose one array is its root (a Zarr array store) holds a single array, as an .npy does.
        var rootOnly = inputIsArchive && source.Format is IDirectoryArrayFormat && source.Names is [""];

        // A member name selects from an archive input; a single-array input has nothing to select.
        var member = inputIsArchive ? read.Member : null;
        ArrayInput InputOf(ReadRequest r) => input.Source is { } s ? ArrayInput.FromSource(s, r) : ArrayInput.FromFile(input.Path!, r);

        // A single array is named after its file (a root-only store too); an archive's member keeps its name, even the
        // empty one.
        var fileName = Path.GetFileNameWithoutExtension(source.Path.TrimEnd('/', Path.DirectorySeparatorChar));
        PlannedArray From(string name) => !inputIsArchive
            ? new(fileName, InputOf(read with { Member = null }))
            : new(rootOnly && name.Length == 0 ? fileName : name, InputOf(read with { Member = name }));

        var plan = new ConversionPlan { Output = destination is null ? output : "", Destination = destination, Write = write, Arrays = [] };
        if (toFolder)
        {
            var names = member is null ? source.Names : [source.Select(member).Name];
            return plan with { ToFolder = true, Arrays = [.. names.Select(From)] };
        }

        // A single array written to a directory store (Zarr) goes to its root, unnamed, rather than into a group as a
        // member named after its file; --name (WriteRequest.MemberName) still names it.
        var single = !inputIsArchive || rootOnly;
        if (outputFormat is IWritableDirectoryArrayFormat && single)
        {
            var only = From(source.Select(member).Name);
            return plan with { Arrays = [only with { Name = write.MemberName ?? string.Empty }] };
        }

        if (outputFormat is IMultiArrayFormat && inputIsArchive && member is null)
        {
            return plan with { Arrays = [.. source.Names.Select(From)] };
        }

        var entry = source.Select(member);
        var planned = From(entry.Name);
        return plan with { Arrays = [planned with { Name = write.MemberName ?? planned.Name }] };
    }
}
