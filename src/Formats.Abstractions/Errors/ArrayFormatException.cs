namespace Formats;

/// <summary>
/// The root of every error Formats raises for bad input, unsupported content or unknown formats.
/// The message always states the problem; <see cref="SourcePath"/> names the file once it is known.
/// </summary>
public class ArrayFormatException : Exception
{
    /// <summary>Creates an exception describing <paramref name="problem"/>.</summary>
    public ArrayFormatException(string problem)
        : base(problem) => Problem = problem;

    /// <summary>Creates an exception describing <paramref name="problem"/>, caused by <paramref name="innerException"/>.</summary>
    public ArrayFormatException(string problem, Exception? innerException)
        : base(problem, innerException) => Problem = problem;

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }

    /// <summary>
    /// The file (or archive member) the problem was found in. Readers work on streams and leave it empty;
    /// the engine fills it in when it knows the path.
    /// </summary>
    public string? SourcePath { get; set; }

    /// <inheritdoc />
    public override string Message => SourcePath is null ? Problem : $"{SourcePath}: {Problem}";
}

/// <summary>The input is malformed, truncated, inconsistent or hostile.</summary>
public class MalformedArrayException : ArrayFormatException
{
    /// <inheritdoc />
    public MalformedArrayException(string problem) : base(problem) { }

    /// <inheritdoc />
    public MalformedArrayException(string problem, Exception? innerException) : base(problem, innerException) { }
}

/// <summary>The input is well formed but holds something Formats refuses (object arrays, long double...).</summary>
public class UnsupportedArrayException : ArrayFormatException
{
    /// <inheritdoc />
    public UnsupportedArrayException(string problem) : base(problem) { }
}

/// <summary>No registered format matches the input or the requested name.</summary>
public class UnknownFormatException : ArrayFormatException
{
    /// <summary>Creates the exception, listing the formats that are known.</summary>
    public UnknownFormatException(string problem, IReadOnlyList<string> knownFormats)
        : base($"{problem}; known formats: {(knownFormats.Count == 0 ? "(none)" : string.Join(", ", knownFormats))}")
        => KnownFormats = knownFormats;

    /// <summary>The names of every registered format.</summary>
    public IReadOnlyList<string> KnownFormats { get; }
}
