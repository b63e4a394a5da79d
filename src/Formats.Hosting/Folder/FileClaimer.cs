namespace Formats.Hosting;

/// <summary>
/// Moves files between the folders of the protocol, by rename only (atomic within one file system, so a file is always in
/// exactly one place): inbox → <c>INBOX/.work/ID/</c> (claim) → done, or failed with <c>NAME.error.txt</c>, or back to the
/// inbox (abandon). <c>INBOX/.work/ID.lock</c>, held locked while the worker runs, tells live workers from dead ones, so
/// a dead worker's claimed files can be handed back to the inbox by any other worker.
/// </summary>
internal sealed class FileClaimer(FolderWorkerOptions options) : IDisposable
{
    private readonly string inbox = Path.GetFullPath(options.Inbox);
    private FileStream? ownLock;

    /// <summary>The folder of every worker's claimed files.</summary>
    public string WorkRoot => Path.Combine(inbox, ".work");

    /// <summary>This worker's claimed files.</summary>
    public string OwnFolder => Path.Combine(WorkRoot, options.EffectiveWorkerId);

    /// <summary>Creates the folders and takes this worker's lock, waiting briefly for another worker that is adopting its files.</summary>
    /// <exception cref="InvalidOperationException">A worker with the same id holds the lock.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(OwnFolder);
        Directory.CreateDirectory(options.DoneFolder);
        Directory.CreateDirectory(options.FailedFolder);
        for (var attempt = 0; ; attempt++)
        {
            ownLock = TryLock(LockPath(options.EffectiveWorkerId));
            if (ownLock is not null)
            {
                return;
            }

            // Another worker holds it for a moment while it hands our files back to the inbox: wait that out.
            if (attempt == 50)
            {
                throw new InvalidOperationException(
                    $"a worker with id '{options.EffectiveWorkerId}' is already running on {inbox} ({LockPath(options.EffectiveWorkerId)} is locked); give each worker its own id");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Files this worker had claimed when it last stopped (after a crash, or abandoned on shutdown), to convert again.</summary>
    public IReadOnlyList<string> ClaimedByThisWorker() =>
        [.. Directory.EnumerateFiles(OwnFolder).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Hands the claimed files of workers that are not running (their lock is free) back to the inbox, where any worker
    /// takes them as new. <paramref name="beforeReturn"/> runs for each file's name first, while the dead worker's lock
    /// is held (to remove what its conversion left in the outbox). Returns the number of files handed back per dead worker id.
    /// </summary>
    public IReadOnlyList<(string WorkerId, int Files)> ReturnOrphans(Action<string> beforeReturn)
    {
        var returned = new List<(string, int)>();
        if (!Directory.Exists(WorkRoot))
        {
            return returned;
        }

        foreach (var folder in Directory.EnumerateDirectories(WorkRoot))
        {
            var id = Path.GetFileName(folder);
            if (id == options.EffectiveWorkerId || !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                continue;
            }

            using var deadLock = TryLock(LockPath(id));
            if (deadLock is null)
            {
                continue; // that worker is alive
            }

            var count = 0;
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                beforeReturn(Path.GetFileName(file));
                if (TryRename(file, Path.Combine(inbox, Path.GetFileName(file))))
                {
                    count++;
                }
            }

            returned.Add((id, count));
        }

        return returned;
    }

    /// <summary>Claims an inbox file; null when it is gone (another worker took it) or a file of that name is still being converted here.</summary>
    public string? Claim(string inboxFile)
    {
        var claimed = Path.Combine(OwnFolder, Path.GetFileName(inboxFile));
        return TryRename(inboxFile, claimed) ? claimed : null;
    }

    /// <summary>Moves a converted input to the done folder; returns where it went.</summary>
    public string Complete(string claimedFile)
    {
        for (var attempt = 0; ; attempt++)
        {
            var target = FreeName(options.DoneFolder, Path.GetFileName(claimedFile));
            if (NoReplaceRename.TryMove(claimedFile, target))
            {
                return target;
            }

            NameTakenMeanwhile(claimedFile, options.DoneFolder, attempt);
        }
    }

    /// <summary>Writes <c>NAME.error.txt</c> with <paramref name="reason"/>, then moves the input beside it into the failed folder.</summary>
    public string Fail(string claimedFile, string reason)
    {
        for (var attempt = 0; ; attempt++)
        {
            var target = FreeName(options.FailedFolder, Path.GetFileName(claimedFile));
            var errorFile = target + ".error.txt";
            // The reason first: a crash between the two leaves the input claimed, converted again on restart, and the reason rewritten.
            var temporary = Path.Combine(options.FailedFolder, $".{Path.GetFileName(errorFile)}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, OneLine(reason) + "\n");
            if (!NoReplaceRename.TryMove(temporary, errorFile))
            {
                File.Delete(temporary);
            }
            else if (NoReplaceRename.TryMove(claimedFile, target))
            {
                return target;
            }
            else
            {
                File.Delete(errorFile); // written by this call a moment ago, and its input could not follow
            }

            NameTakenMeanwhile(claimedFile, options.FailedFolder, attempt);
        }
    }

    /// <summary>Puts a claimed file back into the inbox (shutdown); if a new file of that name arrived meanwhile it stays claimed, for the next start.</summary>
    public bool Abandon(string claimedFile) => TryRename(claimedFile, Path.Combine(inbox, Path.GetFileName(claimedFile)));

    /// <inheritdoc />
    public void Dispose() => ownLock?.Dispose();

    private string LockPath(string workerId) => Path.Combine(WorkRoot, workerId + ".lock");

    // FileShare.None takes an exclusive advisory lock (flock) on Unix, released by the kernel when the process dies,
    // however it dies: that is what makes a dead worker's folder safe to empty.
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // rename(2) is atomic: of two workers renaming the same inbox file, exactly one succeeds and the other finds it gone.
    // File.Move without overwrite would not do on Unix: it links then unlinks, so both links could succeed. A name
    // already at the target (a new file in the inbox, a file of that name still claimed) is never replaced.
    private static bool TryRename(string source, string target) => NoReplaceRename.TryMove(source, target);

    // Another worker moved a file of the same name into the folder between the look for a free name and the move
    // (never replaced: renames here do not overwrite); the caller looks again, unless the input itself is gone.
    private static void NameTakenMeanwhile(string claimedFile, string folder, int attempt)
    {
        if (!File.Exists(claimedFile))
        {
            throw new FileNotFoundException($"{claimedFile} vanished before it could be moved to {folder}", claimedFile);
        }

        if (attempt >= 100)
        {
            throw new IOException($"no free name for {Path.GetFileName(claimedFile)} in {folder} after {attempt + 1} attempts");
        }
    }

    // Earlier inputs of the same name are kept: a.npy, then a~1.npy, a~2.npy...
    private static string FreeName(string folder, string name)
    {
        var target = Path.Combine(folder, name);
        for (var n = 1; File.Exists(target) || File.Exists(target + ".error.txt"); n++)
        {
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}~{n}{Path.GetExtension(name)}");
        }

        return target;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
