using System.Collections.Concurrent;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>A local folder as an <see cref="IArrayDirectory"/>, as a plugin author tests without the engine; counts chunk opens.</summary>
internal sealed class FolderDirectory(string root, bool writable = false) : IArrayDirectory
{
    public ConcurrentBag<string> Opened { get; } = [];

    public string Name => root;

    public bool CanWrite => writable;

    public IReadOnlyList<string> List(string folder = "")
    {
        var at = Path.Combine(root, folder);
        if (!Directory.Exists(at))
        {
            return [];
        }

        return [.. new DirectoryInfo(at).EnumerateFileSystemInfos()
            .Select(e => folder + e.Name + (e is DirectoryInfo ? "/" : ""))
            .Order(StringComparer.Ordinal)];
    }

    public Stream OpenRead(string entry)
    {
        var path = Path.Combine(root, entry);
        if (!File.Exists(path))
        {
            throw new ArrayFileAccessException($"{entry}: no such entry", missing: true);
        }

        Opened.Add(entry);
        return File.OpenRead(path);
    }

    public Stream Create(string entry)
    {
        if (!writable)
        {
            throw new NotSupportedException("read only");
        }

        var path = Path.Combine(root, entry);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.CreateNew);
    }
}
