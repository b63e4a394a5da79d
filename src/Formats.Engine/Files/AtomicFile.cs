namespace Formats.Files;

/// <summary>
/// Writes a file through a temporary sibling that replaces the target only on <see cref="Commit"/>: a failed,
/// cancelled or interrupted write leaves no partial file and an existing target untouched.
/// </summary>
internal sealed class AtomicFile : IPendingArrayOutput
{
    private bool committed;

    private AtomicFile(string path, string temporaryPath, FileStream stream)
    {
        TargetPath = path;
        TemporaryPath = temporaryPath;
        Stream = stream;
    }

    /// <summary>The file that appears on commit.</summary>
    public string TargetPath { get; }

    /// <summary>The temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write (seekable, unbuffered for large writes).</summary>
    public FileStream Stream { get; }

    Stream IPendingArrayOutput.Stream => Stream;

    /// <summary>Creates the temporary file beside <paramref name="path"/>, whose folder must exist (as for <c>np.save</c> or <c>cp</c>).</summary>
    /// <param name="path">The target.</param>
    /// <param name="expectedLength">Bytes to reserve on disk up front when known (0: unknown).</param>
    /// <exception cref="ArrayFormatException">The target's folder does not exist.</exception>
    public static AtomicFile Create(string path, long expectedLength = 0)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        // The name is cut (64 UTF-16 units are at most 192 UTF-8 bytes, whole surrogate pairs kept) so that the temporary
        // name fits wherever the target's does (NAME_MAX, 255 bytes); the GUID keeps it unique.
        var name = Path.GetFileName(full);
        var cut = name.Length <= 64 ? name : name[..(char.IsHighSurrogate(name[63]) ? 63 : 64)];
        var temporary = Path.Combine(directory, $".{cut}.{Guid.NewGuid():N}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 1 << 16,
                PreallocationSize = expectedLength,
                // Overlapped I/O exists only on Windows; on Unix an "asynchronous" FileStream only moves each write to the
                // thread pool, so there it stays synchronous (async callers are offloaded by FileStream either way).
                Options = OperatingSystem.IsWindows() ? FileOptions.Asynchronous : FileOptions.None,
            });
        }
        catch (DirectoryNotFoundException)
        {
            // Not checked up front: the failed create tells, and a batch of small files saves a lookup each.
            throw new ArrayFormatException($"the folder {directory} does not exist") { SourcePath = path };
        }

        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Flushes and moves the temporary file over the target.</summary>
    public void Commit()
    {
        Stream.Flush();
        Stream.Dispose();
        File.Move(TemporaryPath, TargetPath, overwrite: true);
        committed = true;
    }

    /// <summary>Removes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (committed)
        {
            return;
        }

        try
        {
            // Disposing flushes what is buffered, which fails again when the disk is full: the file goes all the same.
            Stream.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // Best effort: the target is untouched either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
