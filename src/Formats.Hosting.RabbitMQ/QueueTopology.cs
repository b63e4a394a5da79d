using global::RabbitMQ.Client;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// The broker objects one queue name stands for, declared idempotently by every worker and every submit (a
/// declaration with other arguments fails with PRECONDITION_FAILED, which names the difference):
/// <list type="bullet">
/// <item><c>NAME</c>: a durable quorum queue of jobs; after <c>x-delivery-limit</c> returns (nacks, crashes, lost
/// connections) the broker dead-letters a job into <c>NAME.dead</c>.</item>
/// <item><c>NAME.dead</c>: a fanout exchange and a durable quorum queue behind it, holding dead-lettered jobs with
/// their reason in the <see cref="QueueHeaders.Reason"/> header (or the broker's <c>x-death</c>).</item>
/// <item><c>NAME.results</c>: a fanout exchange on which workers announce committed outputs; <c>formats submit
/// --wait</c> binds a private queue to it (and to <c>NAME.dead</c>) to follow its batch.</item>
/// <item><c>NAME.status</c>: a fanout exchange on which every worker publishes its <see cref="WorkerStatus"/> every few
/// seconds (its heartbeat, a transient message that expires); <c>formats status</c> binds a private queue to it.</item>
/// </list>
/// </summary>
/// <param name="Jobs">The jobs queue's name.</param>
/// <param name="DeliveryLimit">Returns after which the broker dead-letters a job.</param>
public sealed record QueueTopology(string Jobs, int DeliveryLimit)
{
    /// <summary>The queue name when none is given.</summary>
    public const string DefaultName = "formats";

    /// <summary>Returns after which the broker dead-letters a job, when none is given.</summary>
    public const int DefaultDeliveryLimit = 5;

    /// <summary>The dead-letter exchange, and the queue that keeps what it receives.</summary>
    public string Dead => Jobs + ".dead";

    /// <summary>The results exchange.</summary>
    public string Results => Jobs + ".results";

    /// <summary>The status exchange: workers' heartbeats.</summary>
    public string Status => Jobs + ".status";

    /// <summary>Declares the queues and exchanges (idempotent).</summary>
    /// <exception cref="global::RabbitMQ.Client.Exceptions.OperationInterruptedException">The broker refused: the queue exists with other arguments (another delivery limit).</exception>
    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.ExchangeDeclareAsync(Dead, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Dead, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(Dead, Dead, "", cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(Results, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await DeclareStatusAsync(channel, cancellationToken);
        await channel.QueueDeclareAsync(Jobs, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = DeliveryLimit,
            ["x-dead-letter-exchange"] = Dead,
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Declares the exchanges a watcher binds to (dead letters, results, status) but not the jobs queue, whose delivery
    /// limit the watcher does not know (idempotent).
    /// </summary>
    public async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.ExchangeDeclareAsync(Dead, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(Results, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await DeclareStatusAsync(channel, cancellationToken);
    }

    private Task DeclareStatusAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Status, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
}
