namespace Formats.Pipeline;

/// <summary>
/// The inputs of one plan: first resolved to the headers of what they yield, so totals and output headers are known
/// before anything is written; then read for their data. One file is open at a time (consecutive uses of one file
/// share it, so a one-input plan opens its input once), and a plan of thousands of files never holds thousands of handles.
/// </summary>
internal sealed class PlanInputs(Func<PlanInputs.Key, ArrayFileReader> open, PlanInputs.Opened? opened = null) : IDisposable
{
    private (Key Key, ArrayFileReader File)? current = opened is { } o ? (o.Key, o.File) : null;

    /// <summary>A file to open: a location or a source, and how it is read (no member, no rows).</summary>
    public readonly record struct Key(string? Path, IArraySource? Source, ReadRequest Request)
    {
        public static Key Of(ArrayInput input) => new(input.Path, input.Source, input.Read.ForFile);
    }

    /// <summary>A file already open (by the planner) that the plan reads first; the inputs own it from then on.</summary>
    public sealed record Opened(Key Key, ArrayFileReader File);

    /// <summary>One input resolved: what it yields and where to find it again.</summary>
    public sealed record Part(ArrayInput Input, ArrayHeader Header, Key Key, string? EntryName, RowRange? Rows);

    /// <summary>An output array resolved: its header (parts concatenated along axis 0) and its parts.</summary>
    public sealed record Array(string Name, ArrayHeader Header, IReadOnlyList<Part> Parts);

    public Array Resolve(PlannedArray planned)
    {
        if (planned.Parts.Count == 0)
        {
            throw new ArgumentException($"array '{planned.Name}' has no inputs", nameof(planned));
        }

        var parts = planned.Parts.Select(ResolvePart).ToList();
        return new Array(planned.Name, Concatenate(parts), parts);
    }

    public void Dispose()
    {
        current?.File.Dispose();
        current = null;
    }

    /// <summary>The data of <paramref name="part"/>; its file stays open while the next parts come from it too.</summary>
    public ChunkSource Open(Part part, int bufferSize)
    {
        if (part.Input.Array is { } array)
        {
            return ChunkSource.Of(array);
        }

        var file = FileFor(part.Key);
        return ChunkSource.Of(file.OpenData(part.EntryName, part.Rows), file.Path, bufferSize);
    }

    private ArrayFileReader FileFor(Key key)
    {
        if (current is not { } held || held.Key != key)
        {
            Dispose();
            current = (key, open(key));
        }

        return current.Value.File;
    }

    private Part ResolvePart(ArrayInput input)
    {
        var key = Key.Of(input);
        if (input.Array is { } array)
        {
            return new Part(input, array.Header, key, null, null);
        }

        var (entry, rows, header) = FileFor(key).Resolve(input.Read);
        return new Part(input, header, key, entry.Name, rows);
    }

    // Several parts make one array along axis 0: same dtype and row shape, C order.
    private static ArrayHeader Concatenate(List<Part> parts)
    {
        var first = parts[0].Header;
        if (parts.Count == 1)
        {
            return first;
        }

        var rows = 0L;
        foreach (var part in parts)
        {
            var h = part.Header;
            if (h.Shape.Rank == 0 || h.IsFortranOnly || h.DType != first.DType || !h.Shape.Dimensions[1..].SequenceEqual(first.Shape.Dimensions[1..]))
            {
                throw new ArrayFormatException($"{h.DType} {h.Shape} cannot be joined to {first.DType} {first.Shape} along axis 0")
                {
                    SourcePath = part.Input.Location,
                };
            }

            rows = checked(rows + h.Shape[0]);
        }

        return first with { Shape = first.Shape.WithLength0(rows) };
    }
}
