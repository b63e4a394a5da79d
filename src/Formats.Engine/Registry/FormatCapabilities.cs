namespace Formats.Registry;

/// <summary>A format's abilities by name, as <c>formats plugins</c> lists them.</summary>
public static class FormatCapabilities
{
    /// <summary>
    /// What <paramref name="format"/> can do, in this order: <c>Read</c> (every format), <c>Write</c>, <c>MultiArray</c>,
    /// <c>Append</c> and <c>Edit</c>, each the interface it implements (<see cref="IWritableArrayFormat"/>,
    /// <see cref="IMultiArrayFormat"/>, <see cref="IAppendableArrayFormat"/>, <see cref="IEditableArchiveFormat"/>).
    /// </summary>
    public static IEnumerable<string> Of(IArrayFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        yield return "Read";
        if (format is IWritableArrayFormat)
        {
            yield return "Write";
        }

        if (format is IMultiArrayFormat)
        {
            yield return "MultiArray";
        }

        if (format is IAppendableArrayFormat)
        {
            yield return "Append";
        }

        if (format is IEditableArchiveFormat)
        {
            yield return "Edit";
        }
    }
}
