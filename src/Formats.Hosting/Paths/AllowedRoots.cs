namespace Formats.Hosting;

/// <summary>
/// The folders a queued job may read from and write to: the path policy of every transport. Whoever can publish a
/// job names the paths, so a path is checked as the kernel will follow it: <c>..</c> and
/// symbolic links are resolved first, component by component, and the job is then run on the resolved path (what was
/// checked is what is opened).
/// </summary>
public sealed class AllowedRoots(IReadOnlyList<string> roots)
{
    // Linux allows 40 links in one lookup (ELOOP after that).
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The roots as configured.</summary>
    public IReadOnlyList<string> Roots => roots;

    /// <summary>
    /// The input's resolved path (symbolic links followed to the file itself), or null with <paramref name="problem"/>
    /// saying why the job may not read it.
    /// </summary>
    /// <exception cref="IOException">A folder on the way cannot be looked at (a share not answering): transient.</exception>
    public string? CheckInput(string path, out string? problem) => Check(path, "input", Resolve, out problem);

    /// <summary>
    /// The output's resolved path: its folder resolved, its own name kept (the commit renames over that name, replacing a
    /// link there rather than writing through it); or null with <paramref name="problem"/>.
    /// </summary>
    /// <exception cref="IOException">A folder on the way cannot be looked at: transient.</exception>
    public string? CheckOutput(string path, out string? problem) => Check(path, "output", p =>
    {
        var name = Path.GetFileName(p);
        return name is "" or "." or ".."
            ? throw new ArgumentException($"output {p} names no file")
            : Path.Join(Resolve(Path.GetDirectoryName(p)!), name);
    }, out problem);

    /// <summary>
    /// <paramref name="path"/> as the kernel follows it: every symbolic link replaced by its target and every <c>..</c>
    /// taken from the folder actually reached. Components below the first missing one are taken as written (with
    /// <c>..</c> applied to the text): the job then runs on that text, so what was checked is still what is used.
    /// </summary>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    /// <exception cref="IOException">More than 40 links on the way (a loop).</exception>
    public static string Resolve(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"{path} is not an absolute path");
        }

        var root = Path.GetPathRoot(path)!;
        var pending = new Stack<string>(Components(path[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        var missing = false;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            if (!missing && new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"{path}: too many levels of symbolic links");
                }

                foreach (var c in Components(target).Reverse())
                {
                    pending.Push(c);
                }

                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target)!;
                }

                continue;
            }

            missing = missing || !Path.Exists(next);
            current = next;
        }

        return current;
    }

    /// <summary>
    /// Checks both paths of <paramref name="job"/>: the job on the resolved paths, or null with <paramref name="problem"/>
    /// saying why it may not run (no retry can make a path allowed). An input that is there but is not a regular file
    /// (a FIFO would block a converter until someone wrote to it) is refused too; a missing input is left to the
    /// conversion, which reports it as transient.
    /// </summary>
    /// <exception cref="IOException">A folder on the way cannot be looked at: transient.</exception>
    public ConversionJob? Check(ConversionJob job, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = CheckInput(job.Input, out var inputProblem);
        var output = CheckOutput(job.Output, out var outputProblem);
        if (input is null || output is null)
        {
            problem = inputProblem ?? outputProblem;
            return null;
        }

        if (Path.Exists(input) && FileKind.NotRegular(input) is { } kind)
        {
            problem = $"{job.Input} is {kind}, not a regular file: jobs read regular files only";
            return null;
        }

        problem = null;
        return job with { Input = input, Output = output };
    }

    private string? Check(string path, string what, Func<string, string> resolve, out string? problem)
    {
        if (RemoteLocation.Is(path))
        {
            return CheckRemote(path, what, out problem);
        }

        string resolved;
        try
        {
            resolved = resolve(path);
        }
        catch (ArgumentException e)
        {
            problem = $"{what} refused: {e.Message}";
            return null;
        }

        foreach (var root in roots.Where(r => !RemoteLocation.Is(r)))
        {
            var top = Resolve(root);
            if (resolved.Equals(top, PathComparison)
                || resolved.StartsWith(Path.EndsInDirectorySeparator(top) ? top : top + Path.DirectorySeparatorChar, PathComparison))
            {
                problem = null;
                return resolved;
            }
        }

        problem = $"{what} {path}{(resolved == path ? "" : $" (resolved: {resolved})")} is outside the folders this worker may use"
            + $" (allowed: {string.Join(", ", roots)})";
        return null;
    }

    // An object store has no links and no '..' of its own: a location is allowed under a root that is a prefix of it.
    private string? CheckRemote(string location, string what, out string? problem)
    {
        if (RemoteLocation.Problem(location) is { } bad)
        {
            problem = $"{what} refused: {location}: {bad}";
            return null;
        }

        foreach (var root in roots.Where(RemoteLocation.Is))
        {
            if (location.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
            {
                problem = null;
                return location;
            }
        }

        problem = $"{what} {location} is outside the folders this worker may use (allowed: {string.Join(", ", roots)})";
        return null;
    }

    private static string[] Components(string path) => path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
}
