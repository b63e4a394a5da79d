using Formats.Host.Tests.Queue;
using Formats.Testing;

namespace Formats.Hosting.RabbitMQ.Tests;

/// <summary>
/// samples/WorkerService, the Worker SDK app that hosts both workers through the libraries, run as its own process with
/// its own appsettings.json (overridden from the command line, as an operator would): a dropped file and a queued job
/// are converted, NumPy checks both, and SIGTERM stops it cleanly.
/// </summary>
public sealed class SampleWorkerServiceTests
{
    [BrokerFact]
    public async Task TheSampleConvertsADroppedFileAndAQueuedJobThenStopsOnSigterm()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        NumPy.Run("""
            for d in ('inbox', 'outbox', 'jobs'): os.mkdir(d)
            np.save('volts.npy', np.linspace(-1, 1, 5000, dtype='<f4'))
            np.save('jobs/grid.npy', np.arange(12, dtype='>i4').reshape(3, 4))
            """, dir.Path);

        using var app = StartSample(dir.Path,
            $"--Formats:Worker:Inbox={dir.File("inbox")}", $"--Formats:Worker:Outbox={dir.File("outbox")}", "--Formats:Worker:SettleSeconds=0",
            $"--Formats:Queue:Url={Broker.Url}", $"--Formats:Queue:Name={queue}", $"--Formats:Queue:AllowedRoots:0={dir.Path}");
        try
        {
            File.Move(dir.File("volts.npy"), dir.File("inbox/volts.npy"));
            using var timeout = new CancellationTokenSource(BackgroundApp.Patience);
            await using (var publisher = await JobPublisher.ConnectAsync(Broker.Url, new QueueTopology(queue, QueueTopology.DefaultDeliveryLimit), "formats tests", timeout.Token))
            {
                var job = new ConversionJob { Id = "grid", Batch = "b1", Input = dir.File("jobs/grid.npy"), Output = dir.File("jobs/grid.npz"), Write = new JobWrite("npz", Compress: true) };
                var follower = await publisher.FollowAsync("b1", timeout.Token);
                await publisher.PublishAsync([job], timeout.Token);
                var ends = await follower.WaitAsync(new HashSet<string> { "grid" }, null, timeout.Token);
                Assert.True(ends["grid"] is null, $"dead-lettered: {ends["grid"]}\n{app.Log}");
            }

            app.WaitFor(() => File.Exists(dir.File("outbox/volts.npz")), "outbox/volts.npz");
            Assert.Equal(0, app.Stop());
        }
        finally
        {
            await Broker.DeleteAsync(queue);
        }

        Assert.Equal("ok", NumPy.Run("""
            v = np.load('outbox/volts.npz')['volts']
            assert v.dtype == np.dtype('<f4') and np.array_equal(v, np.linspace(-1, 1, 5000, dtype='<f4'))
            g = np.load('jobs/grid.npz')['grid']
            assert g.dtype == np.dtype('>i4') and np.array_equal(g, np.arange(12, dtype='>i4').reshape(3, 4))
            print('ok')
            """, dir.Path).Trim());
        Assert.Contains("Application started", app.Log, StringComparison.Ordinal);
    }

    // tests/X/bin/<Configuration>/net10.0/ -> samples/WorkerService/bin/<Configuration>/net10.0/WorkerService.dll, started with
    // dotnet; its appsettings.json is found beside the program (the content root), as under systemd.
    private static BackgroundApp StartSample(string workingDirectory, params string[] args)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "samples", "WorkerService", "bin", configuration, output.Name, "WorkerService.dll");
        Assert.True(File.Exists(dll), $"{dll} is built with the solution");
        return BackgroundApp.Start("dotnet", [dll, .. args],
            new Dictionary<string, string> { ["DOTNET_CONTENTROOT"] = Path.GetDirectoryName(dll)!, ["DOTNET_ENVIRONMENT"] = "Production" }, workingDirectory);
    }
}
