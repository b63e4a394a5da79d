namespace Formats;

/// <summary>
/// A cast was refused: the casting rule does not allow the dtype change, or (with <see cref="CastRequest.CheckRange"/>)
/// a value would change. <see cref="ArrayFormatException.SourcePath"/> names the input file.
/// </summary>
public class ArrayCastException : ArrayFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What was refused.</param>
    /// <param name="index">The first offending element's flat index in C order, if a value was refused.</param>
    /// <param name="value">That element's value as text, if a value was refused.</param>
    public ArrayCastException(string problem, long? index = null, string? value = null)
        : base(problem)
    {
        Index = index;
        Value = value;
    }

    /// <summary>The first element (flat index, C order) whose value the cast would change; null when the dtypes alone were refused.</summary>
    public long? Index { get; }

    /// <summary>That element's value, as text; null when the dtypes alone were refused.</summary>
    public string? Value { get; }
}
