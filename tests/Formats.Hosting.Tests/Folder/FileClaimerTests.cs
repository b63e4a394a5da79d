using Formats.Testing;

namespace Formats.Hosting.Tests.Folder;

/// <summary>The claimer's moves never replace a file: inputs of one name pile up as NAME, NAME~1, NAME~2 in done and failed.</summary>
public sealed class FileClaimerTests
{
    [Fact]
    public async Task CompletingAndFailingKeepEveryEarlierFileOfTheSameName()
    {
        using var dir = new TempDir();
        var options = new FolderWorkerOptions { Inbox = Directory.CreateDirectory(dir.File("in")).FullName, Outbox = dir.Path, WorkerId = "t" };
        using var claimer = new FileClaimer(options);
        await claimer.StartAsync(CancellationToken.None);
        File.WriteAllText(Path.Combine(options.DoneFolder, "a.npy"), "first");
        File.WriteAllText(Path.Combine(options.DoneFolder, "a~1.npy"), "second");

        File.WriteAllText(dir.File("in/a.npy"), "third");
        var claimed = claimer.Claim(dir.File("in/a.npy"))!;
        var done = claimer.Complete(claimed);
        File.WriteAllText(dir.File("in/a.npy"), "fourth");
        File.WriteAllText(dir.File("in/b.npy"), "fifth");
        var failedA = claimer.Fail(claimer.Claim(dir.File("in/a.npy"))!, "bad\nheader");
        var failedB = claimer.Fail(claimer.Claim(dir.File("in/b.npy"))!, "truncated");

        Assert.Equal(Path.Combine(options.DoneFolder, "a~2.npy"), done);
        Assert.Equal(["first", "second", "third"], new[] { "a.npy", "a~1.npy", "a~2.npy" }.Select(n => File.ReadAllText(Path.Combine(options.DoneFolder, n))));
        Assert.Equal(Path.Combine(options.FailedFolder, "a.npy"), failedA);
        Assert.Equal("fourth", File.ReadAllText(failedA));
        Assert.Equal("bad header\n", File.ReadAllText(failedA + ".error.txt"));
        Assert.Equal("truncated\n", File.ReadAllText(failedB + ".error.txt"));
        Assert.Empty(Directory.GetFiles(claimer.OwnFolder));
        Assert.DoesNotContain(Directory.GetFiles(options.FailedFolder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHandBackNeverReplacesANewFileOfTheSameName()
    {
        using var dir = new TempDir();
        var options = new FolderWorkerOptions { Inbox = Directory.CreateDirectory(dir.File("in")).FullName, Outbox = dir.Path, WorkerId = "t" };
        using var claimer = new FileClaimer(options);
        await claimer.StartAsync(CancellationToken.None);
        File.WriteAllText(dir.File("in/x.dat"), "claimed");
        var claimed = claimer.Claim(dir.File("in/x.dat"))!;
        File.WriteAllText(dir.File("in/x.dat"), "arrived later");

        Assert.False(claimer.Abandon(claimed));
        Assert.Null(claimer.Claim(dir.File("in/x.dat")));

        Assert.Equal("claimed", File.ReadAllText(claimed));
        Assert.Equal("arrived later", File.ReadAllText(dir.File("in/x.dat")));
    }
}
