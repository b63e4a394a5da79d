namespace Formats;

/// <summary>
/// A multi-array format whose archives can be edited without rewriting untouched members' data: the edited
/// archive goes to a new stream, with untouched members copied as their stored (possibly compressed) bytes.
/// </summary>
public interface IEditableArchiveFormat : IArrayFormat
{
    /// <summary>Starts an edit of the archive in <paramref name="source"/>, written to <paramref name="destination"/>.</summary>
    /// <param name="source">The existing archive (readable, seekable).</param>
    /// <param name="destination">Where the edited archive goes; a different stream (the host renames it over the source).</param>
    /// <param name="readOptions">Limits for reading the source.</param>
    /// <param name="writeOptions">How new members are written.</param>
    /// <exception cref="ArrayFormatException">The source is not a readable archive of this format.</exception>
    IArrayArchiveEditor CreateEditor(Stream source, Stream destination, ArrayReadOptions readOptions, ArrayWriteOptions writeOptions);
}

/// <summary>One edit of an archive: remove and set members, then <see cref="Complete"/>.</summary>
public interface IArrayArchiveEditor : IDisposable
{
    /// <summary>The array names the edited archive will hold, in order.</summary>
    IReadOnlyList<string> Members { get; }

    /// <summary>Leaves <paramref name="name"/> out of the edited archive.</summary>
    /// <exception cref="ArrayFormatException">No such member.</exception>
    void Remove(string name);

    /// <summary>Adds or replaces <paramref name="name"/>; write its data to the returned stream and complete it.</summary>
    ArrayWriteStream SetArray(string name, ArrayHeader header);

    /// <summary>Copies the untouched members and finishes the archive.</summary>
    void Complete();
}
