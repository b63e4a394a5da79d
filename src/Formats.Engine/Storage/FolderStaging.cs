namespace Formats.Storage;

/// <summary>
/// Writes a folder's entries in a staging folder beside it, then moves them in only once every entry is written and
/// checked. A failed run removes the staging folder: the target folder is exactly as it was (or still absent).
/// </summary>
internal sealed class FolderStaging : IArrayDirectoryOutput
{
    private readonly string name;
    private readonly string target;
    private readonly string staging;
    private bool committed;

    private FolderStaging(string name, string target, string staging)
    {
        this.name = name;
        this.target = target;
        this.staging = staging;
    }

    public string Name => name;

    public bool CanWrite => true;

    /// <summary>Creates the staging folder beside <paramref name="folder"/>, whose parent must exist.</summary>
    /// <exception cref="ArrayFormatException">The parent folder does not exist.</exception>
    public static FolderStaging Begin(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(parent))
        {
            throw new ArrayFormatException($"the folder {parent} does not exist") { SourcePath = folder };
        }

        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        return new FolderStaging(folder, full, staging);
    }

    public IReadOnlyList<string> List(string folder = "") => DirectoryEntries.List(staging, folder);

    public Stream OpenRead(string entry) => DirectoryEntries.OpenRead(staging, entry, name);

    public Stream Create(string entry)
    {
        var path = DirectoryEntries.PathOf(staging, entry, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>
    /// Moves every staged entry into the target folder (creating it when it did not exist). A file already there under
    /// a staged name is first moved aside into the staging folder, so that a move that fails midway is rolled back and
    /// leaves the target folder as it was. A staged folder moves in only where no entry of its name is.
    /// </summary>
    /// <exception cref="ArrayFormatException">A staged name is taken by a folder in the target.</exception>
    public void Commit()
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            committed = true;
            return;
        }

        var names = Directory.EnumerateFileSystemEntries(staging).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (names.FirstOrDefault(n => Directory.Exists(Path.Combine(target, n!))
            || (Directory.Exists(Path.Combine(staging, n!)) && File.Exists(Path.Combine(target, n!)))) is { } blocked)
        {
            throw new ArrayFormatException($"cannot write {blocked}: a folder of that name is in the way") { SourcePath = target };
        }

        var done = new List<(string Name, bool HadOld)>();
        try
        {
            foreach (var entry in names)
            {
                var destination = Path.Combine(target, entry!);
                var hadOld = File.Exists(destination);
                if (hadOld)
                {
                    File.Move(destination, Aside(entry!));
                }

                done.Add((entry!, hadOld));
                Move(Path.Combine(staging, entry!), destination);
            }
        }
        catch
        {
            RollBack(done);
            throw;
        }

        committed = true;
        Directory.Delete(staging, recursive: true);
    }

    // Puts back what a failed commit moved: the new entry out (into staging), the old one back in.
    private void RollBack(List<(string Name, bool HadOld)> done)
    {
        foreach (var (entry, hadOld) in Enumerable.Reverse(done))
        {
            var destination = Path.Combine(target, entry);
            if (Path.Exists(destination) && !Path.Exists(Path.Combine(staging, entry)))
            {
                Move(destination, Path.Combine(staging, entry));
            }

            if (hadOld)
            {
                File.Move(Aside(entry), destination);
            }
        }
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    private string Aside(string entry) => Path.Combine(staging, entry + ".previous");

    public void Dispose()
    {
        if (committed)
        {
            return;
        }

        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the target folder is untouched either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
