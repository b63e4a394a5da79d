using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Publishes a <see cref="FolderWorker"/>'s heartbeat (kind <c>folder</c>, id host:pid) on the status exchange of the
/// queue in <see cref="QueueWorkerOptions"/>, every <see cref="QueueWorkerOptions.HeartbeatSeconds"/>, so a folder
/// worker shows on the status page with the queue's workers. It waits for the broker as the queue worker does.
/// </summary>
/// <param name="worker">The folder worker whose <see cref="FolderWorker.Activity"/> is published.</param>
/// <param name="options">The broker, the queue and the interval.</param>
/// <param name="logger">Where waiting for the broker is logged.</param>
public sealed class FolderWorkerHeartbeat(FolderWorker worker, IOptions<QueueWorkerOptions> options, ILogger<FolderWorkerHeartbeat> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var o = options.Value;
        var url = o.Broker ?? throw new InvalidOperationException("no broker URL");
        var interval = TimeSpan.FromSeconds(o.HeartbeatSeconds);
        try
        {
            var connection = await new QueueConnector(logger).ConnectAsync(url, TimeSpan.FromSeconds(o.RetrySeconds), $"formats folder worker {QueueWorker.Id}", stoppingToken);
            await using (connection)
            {
                await Heartbeat.RunAsync(connection, o.Topology, stopped => worker.Activity.Snapshot(QueueWorker.Id, interval.TotalSeconds, stopped), interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
