namespace Formats.Registry;

/// <summary>A format's abilities by name, as <c>formats plugins</c> lists them.</summary>
public static class CapabilityNames
{
    /// <summary>
    /// What <paramref name="format"/> can do, in this order: <c>Read</c> (every format), <c>Write</c>, <c>MultiArray</c>,
    /// <c>Append</c>, <c>Edit</c> and <c>Directory</c>, each the interface it implements (<see cref="IWritableArrayFormat"/> or
    /// <see cref="IWritableDirectoryArrayFormat"/>, <see cref="IMultiArrayFormat"/>, <see cref="IAppendableArrayFormat"/>,
    /// <see cref="IEditableArchiveFormat"/>, <see cref="IDirectoryArrayFormat"/>).
    /// </summary>
    public static IEnumerable<string> Of(IArrayFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        yield return "Read";
        if (format is IWritableArrayFormat or IWritableDirectoryArrayFormat)
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

        if (format is IDirectoryArrayFormat)
        {
            yield return "Directory";
        }
    }
}
