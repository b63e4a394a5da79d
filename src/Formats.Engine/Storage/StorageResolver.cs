namespace Formats.Storage;

/// <summary>Sends each location to the first registered storage that handles it, else to the file system.</summary>
internal sealed class StorageResolver(IEnumerable<IArrayStorage> storages)
{
    private readonly IArrayStorage[] storages = [.. storages.Where(s => s is not FileSystemArrayStorage)];

    public static StorageResolver FileSystemOnly { get; } = new([]);

    public IArrayStorage For(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        foreach (var storage in storages)
        {
            if (storage.Handles(location))
            {
                return storage;
            }
        }

        return FileSystemArrayStorage.Instance;
    }

    /// <summary>A location ending in a separator, or an existing directory: a folder.</summary>
    public bool IsDirectory(string location) => EndsWithSeparator(location) || For(location).GetDirectory(location) is not null;

    public static bool EndsWithSeparator(string location) =>
        location.EndsWith('/') || location.EndsWith(Path.DirectorySeparatorChar) || location.EndsWith(Path.AltDirectorySeparatorChar);

    /// <summary>Where <paramref name="entry"/> of the directory <paramref name="directory"/> lies, as a location the same storage serves.</summary>
    public string EntryLocation(string directory, string entry) => For(directory) is FileSystemArrayStorage
        ? Path.Combine(directory, entry)
        : EndsWithSeparator(directory) ? directory + entry : directory + "/" + entry;
}
