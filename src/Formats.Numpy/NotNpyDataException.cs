namespace Formats.Numpy;

/// <summary>Data is not an NPY array at all (no NPY magic): a member of an archive that is something else.</summary>
public class NotNpyDataException : MalformedArrayException
{
    /// <inheritdoc />
    public NotNpyDataException(string problem) : base(problem) { }
}
