using Formats.Testing;

namespace Formats.Host.Tests.Queue;

/// <summary>Queued jobs whose outputs are Zarr stores (directories the engine stages and moves in).</summary>
public sealed partial class QueueWorkerTests
{
    [BrokerFact]
    public async Task QueuedJobsWriteZarrStoresWithTheArrayAtTheRoot()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 3, elements: 64);
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var workers = StartWorkers(1, queue, dir.Path, parallel: 2);
        try
        {
            var submit = FormatsProcess.StartCommand(["submit", "--queue", Broker.Url, "--queue-name", queue, inbox, "--to", "zarr", "--outbox", outbox, "--wait"]);
            Assert.True(await submit.WaitForExitAsync() == 0, submit.Log);
            Assert.Contains("3 converted, 0 dead-lettered", submit.Log, StringComparison.Ordinal);
            Assert.Equal(0, await workers[0].TerminateAsync());

            Assert.Equal(["j000.zarr", "j001.zarr", "j002.zarr"], Directory.EnumerateFileSystemEntries(outbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var files = TestServices.Files();
            for (var i = 0; i < 3; i++)
            {
                var store = Path.Combine(outbox, $"j00{i}.zarr");
                Assert.True(File.Exists(Path.Combine(store, "zarr.json")) && !Directory.Exists(Path.Combine(store, $"j00{i}")));
                using var array = files.Read(store);
                Assert.Equal(Enumerable.Range(0, 64).Select(k => (k * 0.5) + i), array.AsSpan<double>().ToArray());
            }
        }
        finally
        {
            Dispose(workers);
            await Broker.DeleteAsync(queue);
        }
    }
}
