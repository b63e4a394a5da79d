namespace Formats.Pipeline;

/// <summary>
/// The inputs of one plan, opened once each (a file feeding several arrays is opened once) and resolved to the
/// headers of what they yield, so totals and output headers are known before anything is written.
/// </summary>
internal sealed class PlanInputs(Func<string, ReadRequest, ArrayFileReader> open) : IDisposable
{
    private readonly Dictionary<(string, ReadRequest), ArrayFileReader> files = [];

    /// <summary>One input resolved: what it yields and how to open its data.</summary>
    public sealed record Part(ArrayInput Input, ArrayHeader Header, ArrayFileReader? File, ArrayEntry? Entry, RowRange? Rows)
    {
        public ChunkSource Open(int bufferSize) => Input.Array is { } array
            ? ChunkSource.Of(array)
            : ChunkSource.Of(File!.OpenData(Entry!.Name, Rows), File.Path, bufferSize);
    }

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
        foreach (var file in files.Values)
        {
            file.Dispose();
        }
    }

    private Part ResolvePart(ArrayInput input)
    {
        if (input.Array is { } array)
        {
            return new Part(input, array.Header, null, null, null);
        }

        var path = input.Path!;
        var key = (path, input.Read with { Member = null, RowStart = null, RowStop = null });
        if (!files.TryGetValue(key, out var file))
        {
            file = open(path, key.Item2);
            files.Add(key, file);
        }

        var entry = file.Select(input.Read.Member);
        var rows = FileErrors.Guard(path, () => input.Read.ResolveRows(entry.Header));
        var header = rows is { } r ? FileErrors.Guard(path, () => RowSelection.Select(entry.Header, r)) : entry.Header;
        return new Part(input, header, file, entry, rows);
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
                    SourcePath = part.Input.Path,
                };
            }

            rows = checked(rows + h.Shape[0]);
        }

        return first with { Shape = first.Shape.WithLength0(rows) };
    }
}
