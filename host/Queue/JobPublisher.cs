using Formats.Hosting;
using RabbitMQ.Client;

namespace Formats.Host.Queue;

/// <summary>Publishes jobs as persistent messages and returns once the broker has confirmed every one.</summary>
internal static class JobPublisher
{
    // Confirms are awaited in windows: one round trip per window instead of one per job.
    private const int Window = 256;

    /// <exception cref="RabbitMQ.Client.Exceptions.PublishException">The broker refused (nacked or returned) a job.</exception>
    public static async Task PublishAsync(IChannel channel, QueueTopology topology, IReadOnlyList<ConversionJob> jobs, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(Window);
        foreach (var job in jobs)
        {
            var properties = new BasicProperties
            {
                MessageId = job.Id ?? "",
                CorrelationId = job.Batch,
                ContentType = "application/json",
                Persistent = true,
            };
            var body = job.ToJson();
            // Mandatory: a job the broker cannot route (queue deleted) is returned as an error, not dropped.
            pending.Add(channel.BasicPublishAsync("", topology.Jobs, mandatory: true, properties, body, cancellationToken).AsTask());
            if (pending.Count == Window)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }
}
