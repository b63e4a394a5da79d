using Formats.Storage;

namespace Formats;

/// <summary>
/// The local file system as an <see cref="IArrayStorage"/>: the default for every location no registered storage
/// claims. Files are read through <see cref="FileArraySource"/> and written through <see cref="FileArrayOutput"/>;
/// folders are written in a staging folder beside the target and moved in on commit.
/// </summary>
public sealed class FileSystemArrayStorage : IArrayStorage
{
    /// <summary>The one instance (the storage holds no state).</summary>
    public static FileSystemArrayStorage Instance { get; } = new();

    /// <summary>True for every location: the file system is where a location that no other storage claims lies.</summary>
    public bool Handles(string location) => true;

    /// <inheritdoc />
    public IArraySource GetSource(string location) => new FileArraySource(location);

    /// <inheritdoc />
    public IArrayOutput GetOutput(string location) => new FileArrayOutput(location);

    /// <inheritdoc />
    public IArrayDirectory? GetDirectory(string location) => Directory.Exists(location) ? new LocalDirectory(location) : null;

    /// <inheritdoc />
    public IArrayDirectoryOutput CreateDirectory(string location) => FolderStaging.Begin(location);
}
