namespace Formats;

/// <summary>
/// A multi-array format whose archives can be edited without rewriting untouched members' data: the edited
/// archive goes to a new stream, with untouched members copied as their stored (possibly compressed) bytes.
/// </summary>
public interface IEditableArchiveFormat : IMultiArrayFormat, IWritableArrayFormat
{
    /// <summary>Starts an edit of the archive in <paramref name="source"/>, written to <paramref name="destination"/>.</summary>
    /// <param name="source">The existing archive (readable, seekable).</param>
    /// <param name="destination">Where the edited archive goes; a different stream (the host renames it over the source).</param>
    /// <param name="readOptions">Limits for reading the source.</param>
    /// <param name="writeOptions">How new members are written.</param>
    /// <exception cref="ArrayFormatException">The source is not a readable archive of this format.</exception>
    IArrayArchiveEditor CreateEditor(Stream source, Stream destination, ArrayReadOptions readOptions, ArrayWriteOptions writeOptions);
}
