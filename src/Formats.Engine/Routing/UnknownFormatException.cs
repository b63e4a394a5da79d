namespace Formats;

/// <summary>No registered format matches the input or the requested name.</summary>
public class UnknownFormatException : ArrayFormatException
{
    /// <summary>Creates the exception, listing the formats that are known.</summary>
    public UnknownFormatException(string problem, IReadOnlyList<string> knownFormats)
        : base($"{problem}; known formats: {(knownFormats.Count == 0 ? "(none)" : string.Join(", ", knownFormats))}")
        => KnownFormats = knownFormats;

    /// <summary>The names of every registered format.</summary>
    public IReadOnlyList<string> KnownFormats { get; }

    /// <summary>What naming a format explicitly would settle: reading, writing, or nothing (the name given is wrong).</summary>
    public FormatChoice Remedy { get; init; }
}

/// <summary>Which explicit format choice would resolve an <see cref="UnknownFormatException"/>.</summary>
public enum FormatChoice
{
    /// <summary>None: the problem is not an ambiguous or unknown file.</summary>
    None,

    /// <summary>Name the format to read with.</summary>
    Read,

    /// <summary>Name the format to write with.</summary>
    Write,
}
