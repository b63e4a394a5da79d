using System.Text.RegularExpressions;

namespace Formats.Host.Tests.Worker;

/// <summary>Two worker processes on the same folders: each file is claimed by exactly one of them.</summary>
public sealed partial class TwoWorkerTests
{
    [Fact]
    public void TwoWorkersOnOneInboxConvertEveryFileExactlyOnce()
    {
        const int Files = 300;
        using var folders = new WorkerFolders();
        using var a = FormatsProcess.Start(folders.Args("--settle", "0", "--worker-id", "a", "--parallel", "2"));
        using var b = FormatsProcess.Start(folders.Args("--settle", "0", "--worker-id", "b", "--parallel", "2"));
        a.WaitForLine(l => l.Contains("worker a watching", StringComparison.Ordinal));
        b.WaitForLine(l => l.Contains("worker b watching", StringComparison.Ordinal));

        // Both are running before the first file arrives, so they race for every one.
        for (var i = 0; i < Files; i++)
        {
            folders.RenameIn($"f{i:D3}.npy", WorkerFolders.Npy(DType.Int32, [3], WorkerFolders.Int32s(3)));
        }

        a.WaitUntil(() => Directory.GetFiles(folders.Done).Length + Directory.GetFiles(folders.Failed).Length >= Files, "every file done");
        a.Signal("TERM");
        b.Signal("TERM");
        Assert.Equal(0, a.WaitForExit());
        Assert.Equal(0, b.WaitForExit());

        var names = Enumerable.Range(0, Files).Select(i => $"f{i:D3}").ToArray();
        Assert.Equal(names.Select(n => n + ".npy"), WorkerFolders.Names(folders.Done)); // no "~1" second copy of any input
        Assert.Equal(names.Select(n => n + ".npz"), WorkerFolders.Names(folders.Outbox));
        Assert.Empty(WorkerFolders.Names(folders.Failed));
        Assert.Empty(WorkerFolders.Names(folders.Inbox));
        var converted = a.Lines.Concat(b.Lines).Select(l => Converted().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(names.Select(n => n + ".npy"), converted.Order(StringComparer.Ordinal)); // each converted by one worker, once
    }

    [GeneratedRegex(@"converted (\S+) -> ")]
    private static partial Regex Converted();
}
