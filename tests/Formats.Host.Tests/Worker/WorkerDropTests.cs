using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>
/// The real <c>formats worker</c> process taking files dropped in every way a producer drops them: renamed in, written
/// in place at once, written slowly in pieces; of several formats; one malformed; some with names it must ignore.
/// </summary>
public sealed class WorkerDropTests
{
    private const string Rules = """
        { "Formats": { "Worker": { "Rules": [ { "Pattern": "*.dat", "DType": "<i2", "Shape": [-1, 3] } ] } } }
        """;

    [Fact]
    public void DroppedFilesAreConvertedOnceAndTheMalformedOneFailsWithItsReason()
    {
        using var folders = new WorkerFolders();
        var config = Path.Combine(folders.Root, "worker.json");
        File.WriteAllText(config, Rules);
        using var worker = FormatsProcess.Start(folders.Args("--compress", "--settle", "1.5", "--worker-id", "drop", "--config", config));
        worker.WaitForLine(l => l.Contains("worker drop watching", StringComparison.Ordinal));

        folders.RenameIn("renamed.npy", WorkerFolders.Npy(DType.Float64, [1000], WorkerFolders.Halves(1000)));
        File.WriteAllBytes(Path.Combine(folders.Inbox, "ints.npy"), WorkerFolders.Npy(DType.Int32, [20, 5], WorkerFolders.Int32s(100)));
        folders.RenameIn("signal.dat", WorkerFolders.Int16s(3000));
        folders.RenameIn("pair.npz", WorkerFolders.Npz(
            ("x", WorkerFolders.Npy(DType.Float64, [4], WorkerFolders.Halves(4))),
            ("y", WorkerFolders.Npy(DType.Int32, [2, 3], WorkerFolders.Int32s(6)))));
        folders.RenameIn("bad.npy", "{'descr': '<f8', 'fortran_order': False}"u8.ToArray());
        foreach (var ignored in new[] { ".hidden.npy", "partial.npy.part", "upload.tmp" })
        {
            File.WriteAllBytes(Path.Combine(folders.Inbox, ignored), WorkerFolders.Npy(DType.Int32, [1], WorkerFolders.Int32s(1)));
        }

        // Written in place in pieces with pauses shorter than the settle period: taken only once complete.
        var slow = WorkerFolders.Npy(DType.Float64, [5000], WorkerFolders.Halves(5000));
        using (var stream = new FileStream(Path.Combine(folders.Inbox, "slow.npy"), FileMode.CreateNew, FileAccess.Write))
        {
            for (var offset = 0; offset < slow.Length; offset += 8000)
            {
                stream.Write(slow, offset, Math.Min(8000, slow.Length - offset));
                stream.Flush();
                worker.StaysRunningFor(TimeSpan.FromMilliseconds(200));
            }
        }

        string[] expected = ["ints.npz", "pair.npz", "renamed.npz", "signal.npz", "slow.npz"];
        worker.WaitUntil(() => WorkerFolders.Visible(folders.Outbox).SequenceEqual(expected)
            && WorkerFolders.Names(folders.Failed).SequenceEqual(["bad.npy", "bad.npy.error.txt"])
            && WorkerFolders.Names(folders.Done).Length == 5, "every file converted or failed");
        worker.Signal("TERM");
        Assert.Equal(0, worker.WaitForExit());

        Assert.Equal(["ints.npy", "pair.npz", "renamed.npy", "signal.dat", "slow.npy"], WorkerFolders.Names(folders.Done));
        Assert.Equal([".hidden.npy", "partial.npy.part", "upload.tmp"], WorkerFolders.Names(folders.Inbox));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folders.Inbox, ".work", "drop")));
        Assert.Equal(expected, WorkerFolders.Names(folders.Outbox)); // no temporary file left either
        var reason = Assert.Single(File.ReadAllLines(Path.Combine(folders.Failed, "bad.npy.error.txt")));
        Assert.StartsWith("bad.npy: not an NPY file", reason, StringComparison.Ordinal);
        Assert.Contains(worker.Lines, l => l.Contains("failed bad.npy", StringComparison.Ordinal) && l.Contains("not an NPY file", StringComparison.Ordinal));
        foreach (var name in new[] { "ints.npy", "pair.npz", "renamed.npy", "signal.dat", "slow.npy" })
        {
            Assert.Single(worker.Lines, l => l.Contains($"converted {name} -> ", StringComparison.Ordinal));
        }

        var checkedByNumPy = NumPy.Run("""
            import zipfile
            def load(name):
                with zipfile.ZipFile(f'out/{name}') as z:
                    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist()), name
                return np.load(f'out/{name}')
            f = load('renamed.npz'); assert list(f) == ['renamed']; assert np.array_equal(f['renamed'], np.arange(1000) * 0.5)
            f = load('slow.npz'); assert np.array_equal(f['slow'], np.arange(5000) * 0.5)
            f = load('ints.npz'); assert f['ints'].dtype == np.int32 and np.array_equal(f['ints'], np.arange(100, dtype=np.int32).reshape(20, 5))
            f = load('signal.npz'); s = f['signal']
            assert s.dtype == np.dtype('<i2') and s.shape == (1000, 3), (s.dtype, s.shape)
            assert np.array_equal(s.ravel(), np.arange(3000) % 1000)
            f = load('pair.npz'); assert sorted(f) == ['x', 'y']
            assert np.array_equal(f['x'], np.arange(4) * 0.5) and np.array_equal(f['y'], np.arange(6, dtype=np.int32).reshape(2, 3))
            print('ok')
            """, folders.Root);
        Assert.Equal("ok", checkedByNumPy.Trim());
    }
}
