namespace Formats.Hosting;

/// <summary>What one look at the inbox found.</summary>
/// <param name="Ready">Files complete by the settle rule, oldest first.</param>
/// <param name="Settling">Files seen but possibly still being written.</param>
internal sealed record InboxScan(IReadOnlyList<string> Ready, int Settling);

/// <summary>
/// Lists the inbox: the directory listing is the truth (files that arrived while no worker ran are found at the first
/// scan); the <see cref="FileSystemWatcher"/> only makes the next scan come early, because its buffer overflows and its
/// events arrive when a write starts, not when it ends. Hidden and temporary names (<c>.*</c>, <c>*.tmp</c>,
/// <c>*.part</c>) are never taken.
/// </summary>
internal sealed class InboxScanner : IDisposable
{
    private readonly string inbox;
    private readonly TimeSpan settle;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, Sighting> seen = new(StringComparer.Ordinal);
    private readonly FileSystemWatcher? watcher;
    private readonly SemaphoreSlim wake = new(0, 1);

    public InboxScanner(FolderWorkerOptions options, TimeProvider clock, bool watch)
    {
        inbox = Path.GetFullPath(options.Inbox);
        settle = TimeSpan.FromSeconds(options.SettleSeconds);
        this.clock = clock;
        if (watch)
        {
            watcher = new FileSystemWatcher(inbox)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
            };
            watcher.Created += (_, _) => Wake();
            watcher.Renamed += (_, _) => Wake();
            watcher.Changed += (_, _) => Wake();
            watcher.Error += (_, _) => Wake(); // an overflow loses events, never files: scan
            watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Whether the worker ignores a file of this name in the inbox.</summary>
    public static bool IsIgnored(string name) =>
        name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Lists the inbox. A file is ready when its size and modification time have not changed for the settle period:
    /// either its modification time is that old (a file renamed in after it was written, or found at start), or this
    /// scanner has seen it unchanged that long by its own clock (a producer whose clock, on a shared file system, differs).
    /// </summary>
    public InboxScan Scan()
    {
        var now = clock.GetUtcNow();
        var ticks = clock.GetTimestamp();
        var ready = new List<(string Path, DateTime Time)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var settling = 0;
        foreach (var info in new DirectoryInfo(inbox).EnumerateFiles())
        {
            if (IsIgnored(info.Name))
            {
                continue;
            }

            present.Add(info.Name);
            long length;
            DateTime written;
            try
            {
                length = info.Length;
                written = info.LastWriteTimeUtc;
            }
            catch (FileNotFoundException)
            {
                continue; // claimed by another worker between listing and looking
            }

            if (!seen.TryGetValue(info.Name, out var sighting) || sighting.Length != length || sighting.Written != written)
            {
                sighting = new Sighting(length, written, ticks);
                seen[info.Name] = sighting;
            }

            var settled = settle <= TimeSpan.Zero
                || now - new DateTimeOffset(written, TimeSpan.Zero) >= settle
                || clock.GetElapsedTime(sighting.FirstSeen, ticks) >= settle;
            if (settled)
            {
                ready.Add((info.FullName, written));
            }
            else
            {
                settling++;
            }
        }

        foreach (var gone in seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            seen.Remove(gone);
        }

        return new InboxScan([.. ready.OrderBy(r => r.Time).ThenBy(r => r.Path, StringComparer.Ordinal).Select(r => r.Path)], settling);
    }

    /// <summary>Waits for the watcher to report a change, or for <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Makes the next <see cref="WaitAsync"/> return at once.</summary>
    public void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        watcher?.Dispose();
        wake.Dispose();
    }

    private readonly record struct Sighting(long Length, DateTime Written, long FirstSeen);
}
