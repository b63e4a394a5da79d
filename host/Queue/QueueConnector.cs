using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Formats.Host.Queue;

/// <summary>
/// Opens the broker connection with the client's automatic recovery (connection, channels, consumers), retrying
/// the first connection too (automatic recovery starts only after one succeeded), and says in the log what it
/// waits for.
/// </summary>
internal sealed class QueueConnector(ILogger logger)
{
    /// <summary>Connects, retrying every <paramref name="retry"/> until the broker answers or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task<IConnection> ConnectAsync(string url, TimeSpan retry, string clientName, CancellationToken cancellationToken)
    {
        var factory = CreateFactory(url, retry);
        var shown = Redact(url);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(clientName, cancellationToken);
                QueueLog.Connected(logger, shown);
                connection.ConnectionShutdownAsync += (_, e) =>
                {
                    if (e.Initiator != ShutdownInitiator.Application)
                    {
                        QueueLog.ConnectionLost(logger, shown, e.ReplyText, retry.TotalSeconds);
                    }

                    return Task.CompletedTask;
                };
                connection.ConnectionRecoveryErrorAsync += (_, e) =>
                {
                    QueueLog.StillWaiting(logger, shown, e.Exception.GetBaseException().Message, retry.TotalSeconds);
                    return Task.CompletedTask;
                };
                connection.RecoverySucceededAsync += (_, _) =>
                {
                    QueueLog.Reconnected(logger, shown);
                    return Task.CompletedTask;
                };
                return connection;
            }
            catch (BrokerUnreachableException e)
            {
                QueueLog.WaitingForBroker(logger, shown, attempt, e.GetBaseException().Message, retry.TotalSeconds);
                await Task.Delay(retry, cancellationToken);
            }
        }
    }

    /// <summary>The factory for <paramref name="url"/>; a URL that is not amqp:// or amqps:// is a usage error.</summary>
    /// <exception cref="ArgumentException">The URL is not an AMQP URL.</exception>
    public static ConnectionFactory CreateFactory(string url, TimeSpan retry)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new ArgumentException($"--queue {Redact(url)}: expected amqp://HOST[:PORT]/VHOST");
        }

        return new ConnectionFactory
        {
            Uri = uri,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = retry,
            RequestedHeartbeat = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The URL without its password, for logs and messages.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? url.Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal)
            : url;
}
