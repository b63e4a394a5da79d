namespace Formats.Host.Tests.Worker;

/// <summary>Settings are checked when the worker starts: one <c>error:</c> line naming the setting, never a stack trace.</summary>
public sealed class WorkerConfigurationTests
{
    [Fact]
    public void MissingFoldersAndBadRulesAreOneErrorLineListingEachProblem()
    {
        using var folders = new WorkerFolders();
        var environment = new Dictionary<string, string>
        {
            ["FORMATS_Formats__Worker__Rules__0__Pattern"] = "*.dat",
            ["FORMATS_Formats__Worker__Rules__0__DType"] = "<q9",
            ["FORMATS_Formats__Worker__Rules__0__Shape__0"] = "-1",
            ["FORMATS_Formats__Worker__Rules__0__Shape__1"] = "-1",
        };
        var (code, log) = FormatsProcess.Run(["--outbox", Path.Combine(folders.Root, "nowhere"), "--once"], environment);
        Assert.Equal(1, code);
        var line = Assert.Single(log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: invalid configuration: Formats:Worker:Inbox is not set (--inbox DIR); ", line, StringComparison.Ordinal);
        Assert.Contains($"Formats:Worker:Outbox: the folder {Path.Combine(folders.Root, "nowhere")} does not exist", line, StringComparison.Ordinal);
        Assert.Contains("Formats:Worker:Rules:0:DType '<q9'", line, StringComparison.Ordinal);
        Assert.Contains("Formats:Worker:Rules:0:Shape [-1, -1] may hold one -1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadOptionValueIsAUsageError()
    {
        using var folders = new WorkerFolders();
        var (code, log) = FormatsProcess.Run(folders.Args("--parallel", "0"));
        Assert.Equal(2, code);
        Assert.Equal("error: --parallel must be a whole number from 1 to 1024, not '0'", log.Trim());
    }

    [Fact]
    public void OnceExitsNonZeroWhenAFileFailedAndZeroWhenAllConverted()
    {
        using var folders = new WorkerFolders();
        folders.RenameIn("good.npy", WorkerFolders.Npy(DType.Int32, [2], WorkerFolders.Int32s(2)));
        var (code, log) = FormatsProcess.Run(folders.Args("--once", "--worker-id", "once"));
        Assert.True(code == 0, log);
        Assert.Contains("done: 1 converted, 0 failed", log, StringComparison.Ordinal);

        folders.RenameIn("raw.dat", new byte[12]); // raw data and no rule saying how to read it
        (code, log) = FormatsProcess.Run(folders.Args("--once", "--worker-id", "once"));
        Assert.Equal(1, code);
        Assert.Contains("done: 0 converted, 1 failed", log, StringComparison.Ordinal);
        Assert.StartsWith("raw.dat: a raw buffer has no header", File.ReadAllText(Path.Combine(folders.Failed, "raw.dat.error.txt")), StringComparison.Ordinal);
    }
}
