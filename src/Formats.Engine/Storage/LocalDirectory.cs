namespace Formats.Storage;

/// <summary>A local folder read as an <see cref="IArrayDirectory"/>.</summary>
internal sealed class LocalDirectory(string path) : IArrayDirectory
{
    public string Name => path;

    public bool CanWrite => false;

    public IReadOnlyList<string> List(string folder = "") => DirectoryEntries.List(path, folder);

    public Stream OpenRead(string entry) => DirectoryEntries.OpenRead(path, entry, Name);

    public Stream Create(string entry) => throw new NotSupportedException($"{Name} is being read, not written");
}
