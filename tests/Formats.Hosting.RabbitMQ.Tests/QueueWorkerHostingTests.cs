using Formats.Host.Tests.Queue;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.RabbitMQ.Tests;

/// <summary>The queue worker in an application's own Generic Host, fed by the public publisher and followed to the end; NumPy checks the outputs.</summary>
public sealed class QueueWorkerHostingTests
{
    [BrokerFact]
    public async Task JobsPublishedByAnAppAreConvertedOrDeadLetteredAndTheFollowerHearsEachEnd()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        NumPy.Run("os.mkdir('in'); os.mkdir('out')\nfor i in range(2): np.save(f'in/j{i}.npy', np.arange(6.0).reshape(2, 3) + i)\nopen('in/bad.npy', 'w').write('junk')", dir.Path);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = dir.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddArrayFormats();
        builder.Services.AddFormatsQueueWorker(o => { o.Broker = Broker.Url; o.Queue = queue; o.AllowedRoots = [dir.Path]; o.Parallel = 2; o.RetrySeconds = 1; });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a guard against hanging, not a measurement
            await using var publisher = await JobPublisher.ConnectAsync(Broker.Url, new QueueTopology(queue, QueueTopology.DefaultDeliveryLimit), "formats tests", timeout.Token);
            var batch = Guid.NewGuid().ToString("N");
            var jobs = new[] { "j0", "j1", "bad" }.Select(n => new ConversionJob
            {
                Id = n,
                Batch = batch,
                Input = dir.File($"in/{n}.npy"),
                Output = dir.File($"out/{n}.npz"),
                Write = new JobWrite("npz", Compress: true, Member: n),
            }).ToList();
            var follower = await publisher.FollowAsync(batch, timeout.Token);
            await publisher.PublishAsync(jobs, timeout.Token);

            var ends = await follower.WaitAsync(jobs.Select(j => j.Id!).ToHashSet(), null, timeout.Token);

            Assert.Null(ends["j0"]);
            Assert.Null(ends["j1"]);
            Assert.StartsWith($"{dir.File("in/bad.npy")}: not an NPY file", ends["bad"], StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            await Broker.DeleteAsync(queue);
        }

        Assert.Equal("ok", NumPy.Run(
            "assert sorted(os.listdir('out')) == ['j0.npz', 'j1.npz']\n"
            + "for i in range(2): assert np.array_equal(np.load(f'out/j{i}.npz')[f'j{i}'], np.arange(6.0).reshape(2, 3) + i)\nprint('ok')", dir.Path).Trim());
    }

    [Fact]
    public async Task AWorkerWithoutRootsOrBrokerRefusesToStartNamingEachSetting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddArrayFormats();
        builder.Services.AddFormatsQueueWorker(o => o.Parallel = 2);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "QueueWorkerOptions:Url must be an amqp://HOST[:PORT]/VHOST URL (it is empty)",
                "QueueWorkerOptions:AllowedRoots must name at least one folder jobs may read and write: anyone who can publish to the queue chooses the paths",
            ],
            e.Failures);
    }

    [Fact]
    public async Task AStorePrefixIsAValidRootAndARelativeFolderOrABucketlessUrlIsNot()
    {
        static async Task<IEnumerable<string>> FailuresWith(params string[] roots)
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            builder.Services.AddArrayFormats();
            builder.Services.AddFormatsQueueWorker(o => { o.Broker = "amqp://localhost:1"; o.AllowedRoots = roots; o.RetrySeconds = 1; });
            using var host = builder.Build();
            try
            {
                await host.StartAsync();
                await host.StopAsync();
                return [];
            }
            catch (OptionsValidationException e)
            {
                return e.Failures;
            }
        }

        Assert.Empty(await FailuresWith("s3://bucket/raw/", "/srv/data"));
        Assert.Equal(
            [
                "QueueWorkerOptions:AllowedRoots must be absolute folders or store prefixes (s3://bucket/prefix/) (it is data)",
                "QueueWorkerOptions:AllowedRoots must be absolute folders or store prefixes (s3://bucket/prefix/) (it is s3:///raw/)",
            ],
            await FailuresWith("data", "s3:///raw/"));
    }
}
