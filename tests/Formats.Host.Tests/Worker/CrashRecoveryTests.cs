using System.Collections.Concurrent;
using System.IO.Compression;
using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>
/// <c>kill -9</c> in the middle of a conversion: no partial output is ever visible, the input is in exactly one place, and
/// the restarted worker converts it once. Claimed files of a worker that is gone are converted by another.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int BigBytes = 128 << 20;

    [Fact]
    public void KilledDuringALargeConversionTheRestartedWorkerConvertsItOnceAndNoPartialOutputIsEverVisible()
    {
        using var folders = new WorkerFolders();
        var claimedFolder = Path.Combine(folders.Inbox, ".work", "crash");
        var big = BigNpy();
        using var watch = new OutboxWatch(folders.Outbox, "big.npz", "big", BigBytes);

        using (var first = FormatsProcess.Start(folders.Args("--compress", "--settle", "0", "--worker-id", "crash", "--parallel", "1")))
        {
            first.WaitForLine(l => l.Contains("worker crash watching", StringComparison.Ordinal));
            folders.RenameIn("big.npy", big);
            first.WaitUntil(() => WorkerFolders.Names(folders.Outbox).Any(n => n.StartsWith(".big.npz.", StringComparison.Ordinal)), "the output is being written");
            first.Signal("KILL");
            first.WaitForExit();
            Assert.DoesNotContain(first.Lines, l => l.Contains("converted big.npy", StringComparison.Ordinal));
        }

        // The input is claimed, and only there; nothing visible in the outbox.
        Assert.Equal(["big.npy"], WorkerFolders.Names(claimedFolder));
        Assert.Empty(WorkerFolders.Names(folders.Inbox));
        Assert.Empty(WorkerFolders.Names(folders.Done));
        Assert.Empty(WorkerFolders.Visible(folders.Outbox));

        var (code, log) = FormatsProcess.Run(folders.Args("--compress", "--settle", "0", "--worker-id", "crash", "--once"));
        Assert.True(code == 0, log);
        Assert.Contains("recovering 1 file(s)", log, StringComparison.Ordinal);
        Assert.Single(log.Split('\n'), l => l.Contains("converted big.npy -> ", StringComparison.Ordinal));
        Assert.Equal(["big.npy"], WorkerFolders.Names(folders.Done));
        Assert.Empty(WorkerFolders.Names(claimedFolder));
        Assert.Equal(["big.npz"], WorkerFolders.Names(folders.Outbox)); // the killed run's temporary file is gone too

        var observations = watch.Stop();
        Assert.True(observations.Bad.IsEmpty, "partial output seen: " + string.Join("; ", observations.Bad));
        Assert.True(observations.Complete > 0, "the complete output was never seen by the watcher");
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('out/big.npz')['big'], np.load('done/big.npy')))", folders.Root).Trim());
    }

    [Fact]
    public void TheWorkerTakingOverAKilledWorkersClaimsRemovesTheTemporaryOutputItLeft()
    {
        using var folders = new WorkerFolders();
        var work = Path.Combine(folders.Inbox, ".work");
        // What a worker killed mid-file leaves: its claimed input, and its temporary output beside the outbox's names.
        Directory.CreateDirectory(Path.Combine(work, "dead"));
        File.WriteAllBytes(Path.Combine(work, "dead", "orphan.npy"), WorkerFolders.Npy(DType.Int32, [2], WorkerFolders.Int32s(2)));
        File.WriteAllBytes(Path.Combine(folders.Outbox, $".orphan.npz.{Guid.NewGuid():N}.tmp"), new byte[1000]);

        var (code, log) = FormatsProcess.Run(folders.Args("--settle", "0", "--worker-id", "other", "--once"));

        Assert.True(code == 0, log);
        Assert.Contains("returned 1 file(s) claimed by stopped worker dead to the inbox", log, StringComparison.Ordinal);
        Assert.Contains("removed 1 temporary file(s) a stopped worker's conversion left beside", log, StringComparison.Ordinal);
        Assert.Equal(["orphan.npz"], WorkerFolders.Names(folders.Outbox));
        Assert.Equal(["orphan.npy"], WorkerFolders.Names(folders.Done));
    }

    [Fact]
    public void FilesClaimedByAStoppedWorkerAreConvertedByAnotherAndALiveWorkersAreLeftAlone()
    {
        using var folders = new WorkerFolders();
        var work = Path.Combine(folders.Inbox, ".work");
        using var live = FormatsProcess.Start(folders.Args("--settle", "0", "--worker-id", "live"));
        live.WaitForLine(l => l.Contains("worker live watching", StringComparison.Ordinal));

        // What a crash leaves: files in a worker's folder whose lock nobody holds. The live worker's own claimed file is
        // put there after its start, so it does not take it up itself until its next start.
        Directory.CreateDirectory(Path.Combine(work, "dead"));
        File.WriteAllBytes(Path.Combine(work, "dead", "orphan.npy"), WorkerFolders.Npy(DType.Int32, [2], WorkerFolders.Int32s(2)));
        File.WriteAllBytes(Path.Combine(work, "live", "busy.npy"), WorkerFolders.Npy(DType.Int32, [2], WorkerFolders.Int32s(2)));

        var (code, log) = FormatsProcess.Run(folders.Args("--settle", "0", "--worker-id", "other", "--once"));
        Assert.True(code == 0, log);
        // The live worker looks for orphans every minute too, so either may be the one that hands it back.
        Assert.Single(log.Split('\n').Concat(live.Lines), l => l.Contains("returned 1 file(s) claimed by stopped worker dead to the inbox", StringComparison.Ordinal));
        // Back in the inbox, the orphan is any worker's: the one that returned it, or the live one watching.
        // The input reaches done/ just before its log line reaches this process: wait for both.
        live.WaitUntil(
            () => WorkerFolders.Names(folders.Done).SequenceEqual(["orphan.npy"])
                && log.Split('\n').Concat(live.Lines).Any(l => l.Contains("converted orphan.npy -> ", StringComparison.Ordinal)),
            "the orphan is converted");
        Assert.Single(log.Split('\n').Concat(live.Lines), l => l.Contains("converted orphan.npy -> ", StringComparison.Ordinal));
        Assert.Equal(["orphan.npz"], WorkerFolders.Names(folders.Outbox));
        Assert.Equal(["busy.npy"], WorkerFolders.Names(Path.Combine(work, "live")));

        // A second worker under a live worker's id refuses to start, in one error line.
        var (sameId, sameIdLog) = FormatsProcess.Run(folders.Args("--settle", "0", "--worker-id", "live", "--once"));
        Assert.Equal(1, sameId);
        Assert.StartsWith("error: a worker with id 'live' is already running on ", Assert.Single(sameIdLog.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        live.Signal("TERM");
        Assert.Equal(0, live.WaitForExit());
    }

    internal static byte[] BigNpy()
    {
        // Random bytes: deflate gains nothing and works hardest, so the conversion lasts long enough to be interrupted.
        var data = new byte[BigBytes];
        new Random(42).NextBytes(data);
        return WorkerFolders.Npy(DType.UInt8, [BigBytes], data);
    }

    /// <summary>Lists the outbox as fast as it can; every visible output it sees must be a complete archive.</summary>
    private sealed class OutboxWatch : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<(int Complete, ConcurrentBag<string> Bad)> watching;

        public OutboxWatch(string outbox, string output, string member, long memberBytes)
        {
            watching = Task.Run(() =>
            {
                var bad = new ConcurrentBag<string>();
                var complete = 0;
                while (!stop.IsCancellationRequested)
                {
                    foreach (var name in WorkerFolders.Visible(outbox))
                    {
                        if (name != output)
                        {
                            bad.Add("unexpected " + name);
                            continue;
                        }

                        try
                        {
                            using var zip = ZipFile.OpenRead(Path.Combine(outbox, name));
                            var entry = Assert.Single(zip.Entries);
                            Assert.Equal(member + ".npy", entry.FullName);
                            Assert.True(entry.Length > memberBytes, $"member of {entry.Length} bytes");
                            complete++;
                        }
                        catch (FileNotFoundException)
                        {
                            // Replaced between listing and opening.
                        }
                        catch (Exception e)
                        {
                            bad.Add($"{name}: {e.Message}");
                        }
                    }

                    stop.Token.WaitHandle.WaitOne(2); // look again soon, or stop at once
                }

                return (complete, bad);
            });
        }

        public (int Complete, ConcurrentBag<string> Bad) Stop()
        {
            stop.Cancel();
            return watching.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
    }
}
