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

    /// <inheritdoc />
    public UnsupportedArrayException(string problem, Exception? innerException) : base(problem, innerException) { }
}

/// <summary>An archive has no member by the requested name, or several and none was named.</summary>
public class MemberNotFoundException : ArrayFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The message.</param>
    /// <param name="requested">The name asked for; null when none was given.</param>
    /// <param name="members">The array names the archive holds.</param>
    public MemberNotFoundException(string problem, string? requested, IReadOnlyList<string> members)
        : base(problem)
    {
        Requested = requested;
        Members = members;
    }

    /// <summary>The name asked for; null when none was given and the archive holds several arrays.</summary>
    public string? Requested { get; }

    /// <summary>The array names the archive holds.</summary>
    public IReadOnlyList<string> Members { get; }
}

/// <summary>Headerless data (a raw buffer) cannot be read without more of its layout.</summary>
public class LayoutRequiredException : ArrayFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The message.</param>
    /// <param name="missing">What the caller must add to the layout.</param>
    public LayoutRequiredException(string problem, RawLayoutPart missing)
        : base(problem) => Missing = missing;

    /// <summary>What the caller must add.</summary>
    public RawLayoutPart Missing { get; }
}

/// <summary>The parts of a <see cref="RawLayout"/> a reader may ask for.</summary>
public enum RawLayoutPart
{
    /// <summary>The dtype (and with it the whole layout).</summary>
    DType,

    /// <summary>The shape.</summary>
    Shape,
}

/// <summary>
/// A file cannot be opened as asked: it does not exist (<see cref="Missing"/>), or the process may not open it that way.
/// The inner exception, when there is one, is the file system's own.
/// </summary>
public class ArrayFileAccessException : ArrayFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The message, e.g. "no such file" or "permission denied".</param>
    /// <param name="missing">True when the file (or a folder on its path) does not exist.</param>
    /// <param name="innerException">The file system's exception, if any.</param>
    public ArrayFileAccessException(string problem, bool missing, Exception? innerException = null)
        : base(problem, innerException) => Missing = missing;

    /// <summary>True when the file does not exist; false when it exists but may not be opened as asked.</summary>
    public bool Missing { get; }
}
