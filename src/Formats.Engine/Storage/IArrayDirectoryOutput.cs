namespace Formats;

/// <summary>
/// A directory being written (<see cref="IArrayDirectory.CanWrite"/>): entries created are staged and move to the
/// directory's location only on <see cref="Commit"/>. Disposing without a commit removes everything staged and leaves
/// the location as it was.
/// </summary>
public interface IArrayDirectoryOutput : IArrayDirectory, IDisposable
{
    /// <summary>
    /// Moves every staged entry into the directory, creating it when absent. Entries already there under other names
    /// stay; an entry with a staged name is replaced.
    /// </summary>
    /// <exception cref="ArrayFormatException">A staged name is taken by something that cannot be replaced (a folder where a file goes).</exception>
    void Commit();
}
