namespace Formats.Host.Tests.Worker;

/// <summary>
/// What producers may drop besides array files: a FIFO, a symbolic link, a text file. Each fails on its own, blocks
/// nothing, and its failure reason says what is wrong without quoting the file.
/// </summary>
public sealed class UntrustedInboxTests
{
    [Fact]
    public void AFifoRenamedIntoTheInboxFailsInsteadOfBlockingASlot()
    {
        using var folders = new WorkerFolders();
        var fifo = Path.Combine(folders.Stage, "pipe.npy");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        File.Move(fifo, Path.Combine(folders.Inbox, "pipe.npy"));
        folders.RenameIn("good.npy", WorkerFolders.Npy(DType.Int32, [3], WorkerFolders.Int32s(3)));

        // One slot: a FIFO opened for reading would hold it until someone wrote to it, and --once would never end.
        var (code, log) = FormatsProcess.Run(folders.Args("--settle", "0", "--parallel", "1", "--worker-id", "w", "--once"));

        Assert.True(code == 1, log);
        Assert.Equal(["good.npz"], WorkerFolders.Names(folders.Outbox));
        Assert.Equal(["pipe.npy", "pipe.npy.error.txt"], WorkerFolders.Names(folders.Failed));
        Assert.StartsWith("pipe.npy is a FIFO, not a regular file", File.ReadAllText(Path.Combine(folders.Failed, "pipe.npy.error.txt")), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folders.Inbox, ".work", "w")));
    }

    [Fact]
    public void ASymbolicLinkInTheInboxIsRefusedNotReadThrough()
    {
        using var folders = new WorkerFolders();
        var secret = Path.Combine(folders.Root, "secret.npy");
        File.WriteAllBytes(secret, WorkerFolders.Npy(DType.Int32, [3], WorkerFolders.Int32s(3)));
        File.CreateSymbolicLink(Path.Combine(folders.Inbox, "link.npy"), secret);

        var (code, log) = FormatsProcess.Run(folders.Args("--settle", "0", "--once"));

        Assert.True(code == 1, log);
        Assert.Empty(WorkerFolders.Names(folders.Outbox));
        Assert.Equal(["link.npy", "link.npy.error.txt"], WorkerFolders.Names(folders.Failed));
        Assert.StartsWith("link.npy is a symbolic link, not a regular file", File.ReadAllText(Path.Combine(folders.Failed, "link.npy.error.txt")), StringComparison.Ordinal);
        // The link itself was moved; what it pointed to is untouched.
        Assert.NotNull(new FileInfo(Path.Combine(folders.Failed, "link.npy")).LinkTarget);
        Assert.True(File.Exists(secret));
    }

    [Fact]
    public void AFileThatIsNotAnArrayFailsWithAReasonThatDoesNotQuoteIt()
    {
        using var folders = new WorkerFolders();
        folders.RenameIn("passwd.npy", "root:x:0:0:root:/root:/bin/bash\n"u8.ToArray());

        var (code, log) = FormatsProcess.Run(folders.Args("--settle", "0", "--once"));

        Assert.True(code == 1, log);
        var reason = File.ReadAllText(Path.Combine(folders.Failed, "passwd.npy.error.txt"));
        Assert.StartsWith("passwd.npy: not an NPY file", reason, StringComparison.Ordinal);
        foreach (var text in new[] { reason, log })
        {
            Assert.DoesNotContain("726F6F74", text, StringComparison.OrdinalIgnoreCase); // "root" in hex
            Assert.DoesNotContain("root:x", text, StringComparison.Ordinal);
        }
    }
}
