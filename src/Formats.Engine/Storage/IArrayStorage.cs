namespace Formats;

/// <summary>
/// Turns a location string into sources, outputs and directories: the seam where a store plugs in. Register one with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IArrayStorage, MyStorage&gt;())</c>; every string location
/// given to <see cref="ArrayFiles"/> or a <see cref="ConversionPlan"/> goes to the first registered storage that
/// <see cref="Handles"/> it, else to the file system (<see cref="FileSystemArrayStorage"/>).
/// </summary>
/// <remarks>
/// Sources and outputs returned here belong to the engine, which disposes those that are <see cref="IDisposable"/>.
/// A location ending in <c>/</c> names a directory whether or not it exists (a folder output to create).
/// </remarks>
public interface IArrayStorage
{
    /// <summary>True when this storage serves <paramref name="location"/>, typically by its scheme (<c>s3://</c>). Must not do I/O.</summary>
    bool Handles(string location);

    /// <summary>The bytes at <paramref name="location"/>; nothing need be opened until they are read.</summary>
    IArraySource GetSource(string location);

    /// <summary>An output that replaces what is at <paramref name="location"/> when a write commits.</summary>
    IArrayOutput GetOutput(string location);

    /// <summary>The directory at <paramref name="location"/>, to read; null when there is none (a file, or nothing).</summary>
    /// <exception cref="ArrayFormatException">The store cannot be asked (access denied, unreachable).</exception>
    IArrayDirectory? GetDirectory(string location);

    /// <summary>
    /// Starts writing a directory at <paramref name="location"/>: entries are staged and appear there only on
    /// <see cref="IArrayDirectoryOutput.Commit"/>, all at once.
    /// </summary>
    /// <exception cref="ArrayFormatException">The directory cannot be created where asked (its parent does not exist).</exception>
    IArrayDirectoryOutput CreateDirectory(string location);
}
