namespace Formats;

/// <summary>
/// A directory format that writes: the engine stages a directory beside the target, hands it to the writer, and moves
/// it in only when every array is written, so a failed run leaves nothing that reads as a complete store.
/// </summary>
public interface IWritableDirectoryArrayFormat : IDirectoryArrayFormat
{
    /// <summary>Opens a writer that writes its arrays as entries of <paramref name="directory"/> (<see cref="IArrayDirectory.CanWrite"/>).</summary>
    IArrayWriter CreateWriter(IArrayDirectory directory, ArrayWriteOptions options);
}
