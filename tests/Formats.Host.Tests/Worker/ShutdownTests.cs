namespace Formats.Host.Tests.Worker;

/// <summary>SIGTERM (what systemd sends) ends the worker within its shutdown timeout, handing unfinished files back.</summary>
public sealed class ShutdownTests
{
    private const int ShutdownTimeoutSeconds = 10;

    [Fact]
    public void SigtermDuringAConversionEndsTheProcessWithinTheTimeoutAndHandsTheFileBack()
    {
        using var folders = new WorkerFolders();
        var environment = new Dictionary<string, string>
        {
            ["FORMATS_Formats__Worker__ShutdownTimeoutSeconds"] = $"{ShutdownTimeoutSeconds}",
            ["FORMATS_Formats__Worker__DrainSeconds"] = "0",
        };
        using var worker = FormatsProcess.Start(folders.Args("--compress", "--settle", "0", "--worker-id", "term", "--parallel", "1"), environment);
        worker.WaitForLine(l => l.Contains("worker term watching", StringComparison.Ordinal));
        folders.RenameIn("big.npy", CrashRecoveryTests.BigNpy());
        worker.WaitUntil(() => WorkerFolders.Names(folders.Outbox).Any(n => n.StartsWith(".big.npz.", StringComparison.Ordinal)), "the output is being written");

        worker.Signal("TERM");

        Assert.Equal(0, worker.WaitForExit(TimeSpan.FromSeconds(ShutdownTimeoutSeconds)));
        Assert.Contains(worker.Lines, l => l.Contains("abandoned big.npy at shutdown", StringComparison.Ordinal));
        Assert.Equal(["big.npy"], WorkerFolders.Names(folders.Inbox));
        Assert.Empty(WorkerFolders.Names(folders.Outbox)); // no output, no temporary file
        Assert.Empty(WorkerFolders.Names(folders.Done));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folders.Inbox, ".work", "term")));
    }

    [Fact]
    public void SigtermLetsFilesInFlightFinishWithinTheDrainPeriod()
    {
        using var folders = new WorkerFolders();
        using var worker = FormatsProcess.Start(folders.Args("--settle", "0", "--worker-id", "drain", "--parallel", "1"));
        worker.WaitForLine(l => l.Contains("worker drain watching", StringComparison.Ordinal));
        folders.RenameIn("big.npy", CrashRecoveryTests.BigNpy());
        worker.WaitUntil(() => WorkerFolders.Names(folders.Outbox).Any(n => n.StartsWith(".big.npz.", StringComparison.Ordinal)), "the output is being written");

        worker.Signal("TERM");

        Assert.Equal(0, worker.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains(worker.Lines, l => l.Contains("converted big.npy -> ", StringComparison.Ordinal));
        Assert.Equal(["big.npz"], WorkerFolders.Names(folders.Outbox));
        Assert.Equal(["big.npy"], WorkerFolders.Names(folders.Done));
    }
}
