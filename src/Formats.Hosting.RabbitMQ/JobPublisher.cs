using global::RabbitMQ.Client;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Submits <see cref="ConversionJob"/>s to a queue the <see cref="QueueWorker"/>s serve, as persistent messages, and
/// follows them to their end (<see cref="FollowAsync"/>). <c>formats submit</c> is this class and a progress bar.
/// </summary>
/// <example>
/// <code>
/// await using var publisher = await JobPublisher.ConnectAsync("amqp://broker/", new QueueTopology("formats", 5), "my app", ct);
/// var follower = await publisher.FollowAsync(batch, ct); // before publishing, so no end is missed
/// await publisher.PublishAsync(jobs, ct);
/// var ends = await follower.WaitAsync(jobs.Select(j => j.Id!).ToHashSet(), null, ct);
/// </code>
/// </example>
public sealed class JobPublisher : IAsyncDisposable
{
    // Confirms are awaited in windows: one round trip per window instead of one per job.
    private const int Window = 256;

    private readonly IConnection connection;
    private readonly IChannel channel;

    private JobPublisher(IConnection connection, IChannel channel, QueueTopology topology, string broker)
    {
        this.connection = connection;
        this.channel = channel;
        Topology = topology;
        Broker = broker;
    }

    /// <summary>The queue the jobs go to.</summary>
    public QueueTopology Topology { get; }

    /// <summary>The broker's URL without its password, for messages.</summary>
    public string Broker { get; }

    /// <summary>Connects once (no retry) and declares <paramref name="topology"/> (idempotent).</summary>
    /// <param name="broker"><c>amqp://[USER:PASSWORD@]HOST[:PORT]/VHOST</c>.</param>
    /// <param name="topology">The queue; a queue that exists keeps its own delivery limit, and another limit here is refused.</param>
    /// <param name="clientName">The connection's name in the broker's management view.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <exception cref="ArgumentException"><paramref name="broker"/> is not an AMQP URL.</exception>
    /// <exception cref="InvalidOperationException">The broker could not be reached or refused the user or vhost; the message names the URL (without its password) and the cause.</exception>
    public static async Task<JobPublisher> ConnectAsync(string broker, QueueTopology topology, string clientName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var connection = await QueueConnector.ConnectOnceAsync(broker, clientName, cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await QueueConnector.OpenChannelAsync(connection, broker, cancellationToken).ConfigureAwait(false);
            await topology.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
            return new JobPublisher(connection, channel, topology, Redact(broker));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts following <paramref name="batch"/>'s jobs; call before publishing them, so no end is missed.</summary>
    public Task<JobFollower> FollowAsync(string batch, CancellationToken cancellationToken) => JobFollower.StartAsync(channel, Topology, batch, cancellationToken);

    /// <summary>Publishes <paramref name="jobs"/> and returns once the broker has confirmed every one.</summary>
    /// <exception cref="global::RabbitMQ.Client.Exceptions.PublishException">The broker refused (nacked or returned) a job.</exception>
    public async Task PublishAsync(IEnumerable<ConversionJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pending = new List<Task>(Window);
        foreach (var job in jobs)
        {
            var properties = new BasicProperties
            {
                MessageId = job.Id,
                CorrelationId = job.Batch,
                ContentType = "application/json",
                Persistent = true,
                // Read by the worker that takes it: how long jobs wait in the queue (the status page's oldest job).
                Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            };
            // Mandatory: a job the broker cannot route (queue deleted) is returned as an error, not dropped.
            pending.Add(channel.BasicPublishAsync("", Topology.Jobs, mandatory: true, properties, job.ToJson(), cancellationToken).AsTask());
            if (pending.Count == Window)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary><paramref name="url"/> without its password, for logs and messages.</summary>
    public static string Redact(string url) => QueueConnector.Redact(url);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
