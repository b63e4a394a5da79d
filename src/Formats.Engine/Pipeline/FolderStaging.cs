using System.Text;

namespace Formats.Pipeline;

/// <summary>
/// Writes a folder's files in a staging folder beside it, then moves them in only once every file is written and
/// checked. A failed run removes the staging folder: the target folder is exactly as it was (or still absent).
/// </summary>
internal sealed class FolderStaging : IDisposable
{
    // NAME_MAX of Linux and macOS file systems, in bytes (UTF-8); Windows allows 255 UTF-16 units, at least as many.
    private const int MaxFileNameBytes = 255;

    private readonly string target;
    private readonly string staging;
    private bool committed;

    private FolderStaging(string target, string staging)
    {
        this.target = target;
        this.staging = staging;
    }

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
        return new FolderStaging(full, staging);
    }

    /// <summary>Where the file <paramref name="fileName"/> is staged.</summary>
    /// <exception cref="MalformedArrayException">
    /// The name would leave the folder (a hostile member name), or cannot be a file name (a NUL, too long).
    /// </exception>
    public string PathFor(string fileName, string source)
    {
        // Checked here, naming the input and the member: else .NET's "Null character in path" or the file system's
        // "File name too long" (of the staging path) would be all the user sees.
        var member = fileName[..^Path.GetExtension(fileName).Length];
        if (fileName.Contains('\0', StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"member name '{Shown(member)}' cannot be a file name: it holds a NUL character") { SourcePath = source };
        }

        if (Encoding.UTF8.GetByteCount(fileName) is var bytes && bytes > MaxFileNameBytes)
        {
            throw new MalformedArrayException(
                $"member name '{Shown(member)}' cannot be a file name: {bytes} bytes with its extension, over the {MaxFileNameBytes} a file name may have") { SourcePath = source };
        }

        var path = Path.GetFullPath(Path.Combine(staging, fileName));
        if (Path.GetDirectoryName(path) != staging || fileName.Contains('/') || fileName.Contains('\\') || Path.IsPathRooted(fileName))
        {
            throw new MalformedArrayException($"member name '{Shown(member)}' would escape the target folder") { SourcePath = source };
        }

        return path;
    }

    // Control characters escaped, so the message stays one printable line.
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));

    /// <summary>
    /// Moves every staged file into the target folder (creating it when it did not exist). A file already there under
    /// a staged name is first moved aside into the staging folder, so that a move that fails midway is rolled back and
    /// leaves the target folder as it was.
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

        var names = Directory.EnumerateFiles(staging).Select(Path.GetFileName).ToList();
        if (names.FirstOrDefault(n => Directory.Exists(Path.Combine(target, n!))) is { } blocked)
        {
            throw new ArrayFormatException($"cannot write {blocked}: a folder of that name is in the way") { SourcePath = target };
        }

        var done = new List<(string Name, bool HadOld)>();
        try
        {
            foreach (var name in names)
            {
                var destination = Path.Combine(target, name!);
                var hadOld = File.Exists(destination);
                if (hadOld)
                {
                    File.Move(destination, Aside(name!));
                }

                done.Add((name!, hadOld));
                File.Move(Path.Combine(staging, name!), destination);
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
    // Puts back what a failed commit moved: the new file out (into staging), the old one back in.
    private void RollBack(List<(string Name, bool HadOld)> done)
    {
        foreach (var (name, hadOld) in Enumerable.Reverse(done))
        {
            var destination = Path.Combine(target, name);
            if (File.Exists(destination) && !File.Exists(Path.Combine(staging, name)))
            {
                File.Move(destination, Path.Combine(staging, name));
            }

            if (hadOld)
            {
                File.Move(Aside(name), destination);
            }
        }
    }

    private string Aside(string name) => Path.Combine(staging, name + ".previous");

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
