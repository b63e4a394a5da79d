using global::RabbitMQ.Client;
using Microsoft.Extensions.Logging;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// A long-lived broker connection as the workers make theirs, for other parties of the queue (a status page): the
/// client's automatic recovery (connection, channels, consumers), the first connection retried too, and what it waits
/// for said in the log.
/// </summary>
public static class BrokerConnection
{
    /// <summary>Connects to <paramref name="url"/>, retrying every <paramref name="retry"/> until the broker answers.</summary>
    /// <param name="url"><c>amqp://[USER:PASSWORD@]HOST[:PORT]/VHOST</c>.</param>
    /// <param name="retry">The wait between attempts, and the recovery interval after a lost connection.</param>
    /// <param name="clientName">The connection's name in the broker's management view.</param>
    /// <param name="logger">Where waiting, losing and regaining the broker is logged (event ids 1100-1104).</param>
    /// <param name="cancellationToken">Ends the waiting.</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an AMQP URL.</exception>
    /// <exception cref="InvalidOperationException">Wrong credentials or a missing vhost, which waiting cannot fix; the message names the cause.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the waiting.</exception>
    public static Task<IConnection> ConnectAsync(string url, TimeSpan retry, string clientName, ILogger logger, CancellationToken cancellationToken) =>
        new QueueConnector(logger ?? throw new ArgumentNullException(nameof(logger))).ConnectAsync(url, retry, clientName, cancellationToken);
}
