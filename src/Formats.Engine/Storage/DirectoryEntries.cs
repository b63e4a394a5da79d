namespace Formats.Storage;

/// <summary>Entries of a local folder by their relative, <c>/</c>-separated names, never outside it.</summary>
internal static class DirectoryEntries
{
    public static IReadOnlyList<string> List(string root, string folder)
    {
        var at = PathOf(root, folder.TrimEnd('/'), root);
        if (!Directory.Exists(at))
        {
            return [];
        }

        var prefix = folder.Length == 0 || folder.EndsWith('/') ? folder : folder + "/";
        return [.. new DirectoryInfo(at).EnumerateFileSystemInfos()
            .Select(e => prefix + e.Name + (e is DirectoryInfo ? "/" : ""))
            .Order(StringComparer.Ordinal)];
    }

    public static Stream OpenRead(string root, string entry, string name)
    {
        var path = PathOf(root, entry, name);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArrayFileAccessException($"no entry '{entry}'", missing: true, e) { SourcePath = name };
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArrayFileAccessException($"entry '{entry}': permission denied", missing: false, e) { SourcePath = name };
        }
    }

    /// <summary>The full path of <paramref name="entry"/> under <paramref name="root"/>.</summary>
    /// <exception cref="MalformedArrayException">The name would leave the folder (<c>..</c>, a rooted path).</exception>
    public static string PathOf(string root, string entry, string name)
    {
        var full = Path.GetFullPath(root);
        if (entry.Length == 0)
        {
            return full;
        }

        var path = Path.GetFullPath(Path.Combine(full, entry));
        if (Path.IsPathRooted(entry) || entry.Contains('\\') || entry.Split('/').Any(p => p is "" or "." or "..")
            || !path.StartsWith(Path.TrimEndingDirectorySeparator(full) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"entry name '{entry}' would escape the directory") { SourcePath = name };
        }

        return path;
    }
}
