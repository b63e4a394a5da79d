namespace Formats;

/// <summary>
/// A conversion as a value: which arrays to write, each made of which inputs, into which output, how. It can be
/// built (<see cref="ArrayFiles.PlanConversion(string, string, ReadRequest?, WriteRequest?)"/> or by hand), checked (<see cref="ArrayFiles.Validate"/>), logged
/// (<see cref="ToString"/>) and executed later (<see cref="ArrayFiles.ExecuteAsync"/>), e.g. by a queue worker.
/// </summary>
public sealed record ConversionPlan
{
    private readonly string output = "";

    /// <summary>
    /// Where to write: a location (a path, or what a registered <see cref="IArrayStorage"/> serves); with
    /// <see cref="ToFolder"/>, the folder that receives one file per array. With <see cref="Destination"/> set, only a name
    /// for messages (empty: the destination's <see cref="IArrayOutput.Name"/>).
    /// </summary>
    public string Output
    {
        get => output.Length == 0 && Destination is not null ? Destination.Name : output;
        init => output = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>An output object to write instead of the location <see cref="Output"/> names (an in-memory or custom store); null to resolve <see cref="Output"/>.</summary>
    public IArrayOutput? Destination { get; init; }

    /// <summary>The arrays to write, in order.</summary>
    public required IReadOnlyList<PlannedArray> Arrays { get; init; }

    /// <summary>Output format and compression. With <see cref="ToFolder"/>, the format of each file (default NPY).</summary>
    public WriteRequest Write { get; init; } = WriteRequest.Default;

    /// <summary>
    /// True to write each array as <c>Output/name.ext</c>. The files are written beside the folder and checked
    /// first, then moved in: a failed run leaves the folder as it was.
    /// </summary>
    public bool ToFolder { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(ToFolder ? "extract" : "write")} {Output}{Write}: {string.Join("; ", Arrays)}";
}

/// <summary>One output array: its name and the inputs whose rows, concatenated along axis 0, make it.</summary>
/// <param name="Name">The member name in an archive output (or the file name in a folder output); empty for single-array files.</param>
/// <param name="Parts">One input, or several with the same dtype and row shape (appending rows).</param>
public sealed record PlannedArray(string Name, IReadOnlyList<ArrayInput> Parts)
{
    /// <summary>An output array made of one input.</summary>
    public PlannedArray(string name, ArrayInput input)
        : this(name, [input])
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"{(Name.Length == 0 ? "array" : Name)} <- {string.Join(" + ", Parts)}";
}

/// <summary>
/// Where an array's data comes from: an array in a file (a location, or an <see cref="IArraySource"/>; member and rows as
/// <see cref="Read"/> selects), or one in memory.
/// </summary>
public sealed record ArrayInput
{
    private ArrayInput()
    {
    }

    /// <summary>The file's location, or null for an array in memory or in a <see cref="Source"/>.</summary>
    public string? Path { get; private init; }

    /// <summary>The source read, or null for a location (<see cref="Path"/>) or an array in memory. It stays owned by the caller.</summary>
    public IArraySource? Source { get; private init; }

    /// <summary>The name errors give: the location or the source's name; null for an array in memory.</summary>
    internal string? Location => Path ?? Source?.Name;

    /// <summary>How the file is read: format, layout, member, rows.</summary>
    public ReadRequest Read { get; private init; } = ReadRequest.Default;

    /// <summary>The array in memory, or null for a file. It stays owned by the caller.</summary>
    public NDArray? Array { get; private init; }

    /// <summary>An array read from <paramref name="path"/>.</summary>
    public static ArrayInput FromFile(string path, ReadRequest? read = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ArrayInput { Path = path, Read = read ?? ReadRequest.Default };
    }

    /// <summary>An array read from <paramref name="source"/> (not disposed by the pipeline).</summary>
    public static ArrayInput FromSource(IArraySource source, ReadRequest? read = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ArrayInput { Source = source, Read = read ?? ReadRequest.Default };
    }

    /// <summary>An array already in memory (not disposed by the pipeline).</summary>
    public static ArrayInput FromArray(NDArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new ArrayInput { Array = array };
    }

    /// <inheritdoc />
    public override string ToString() => Location is null ? $"memory {Array!.DType} {Array.Shape}" : $"{Location}{Read}";
}
