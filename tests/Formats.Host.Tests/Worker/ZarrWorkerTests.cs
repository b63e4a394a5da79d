using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>The folder worker writes Zarr stores as it writes files: a single array at the store's root, an archive as a group.</summary>
public sealed class ZarrWorkerTests
{
    [Fact]
    public void DroppedFilesBecomeStores()
    {
        using var folders = new WorkerFolders();
        NumPy.Run("np.save('x.npy', np.arange(12, dtype='<f4').reshape(3, 4)); np.savez('y.npz', a=np.arange(3), b=np.ones((2, 2)))", folders.Inbox);

        var (code, log) = FormatsProcess.Run(folders.Args("--to", "zarr", "--settle", "0", "--worker-id", "z", "--once"));

        Assert.True(code == 0, log);
        Assert.Equal(["x.zarr", "y.zarr"], Entries(folders.Outbox).Where(n => !n.StartsWith('.')));
        Assert.Equal(["c", "zarr.json"], Entries(Path.Combine(folders.Outbox, "x.zarr")));
        Assert.Equal(["a", "b", "zarr.json"], Entries(Path.Combine(folders.Outbox, "y.zarr")));
        var files = TestServices.Files();
        using var x = files.Read(Path.Combine(folders.Outbox, "x.zarr"));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), x.AsSpan<float>().ToArray());
    }

    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
}
