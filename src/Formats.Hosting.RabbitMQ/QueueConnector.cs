using Microsoft.Extensions.Logging;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;

namespace Formats.Hosting.RabbitMQ;

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
                    QueueLog.StillWaiting(logger, shown, BrokerFailure.Cause(url, e.Exception), retry.TotalSeconds);
                    return Task.CompletedTask;
                };
                connection.RecoverySucceededAsync += (_, _) =>
                {
                    QueueLog.Reconnected(logger, shown);
                    return Task.CompletedTask;
                };
                return connection;
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException && BrokerFailure.IsPermanent(e))
            {
                // Wrong credentials or a missing vhost: waiting would hide it, and only a person can fix it.
                throw Unreachable(url, e);
            }
            catch (BrokerUnreachableException e)
            {
                QueueLog.WaitingForBroker(logger, shown, attempt, BrokerFailure.Cause(url, e), retry.TotalSeconds);
                await Task.Delay(retry, cancellationToken);
            }
        }
    }

    /// <summary>Connects once (for <c>formats submit</c>); a failure names the URL, without its password, and the cause.</summary>
    /// <exception cref="InvalidOperationException">The broker could not be reached or refused the connection.</exception>
    public static async Task<IConnection> ConnectOnceAsync(string url, string clientName, CancellationToken cancellationToken)
    {
        var factory = CreateFactory(url, TimeSpan.FromSeconds(2));
        try
        {
            return await factory.CreateConnectionAsync(clientName, cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException)
        {
            throw Unreachable(url, e);
        }
    }

    /// <summary>
    /// Opens a channel with publisher confirms. The broker answers a missing vhost only here, by closing the new
    /// connection (the client's open returns first): that is named like any other failure to connect.
    /// </summary>
    /// <exception cref="InvalidOperationException">The broker refused the user or the vhost.</exception>
    public static async Task<IChannel> OpenChannelAsync(IConnection connection, string url, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        }
        catch (OperationInterruptedException e) when (BrokerFailure.IsPermanent(e))
        {
            throw Unreachable(url, e);
        }
    }

    private static InvalidOperationException Unreachable(string url, Exception e) =>
        new($"cannot connect to the broker at {Redact(url)}: {BrokerFailure.Cause(url, e)}", e);

    /// <summary>The factory for <paramref name="url"/>; a URL that is not amqp:// or amqps:// is a usage error.</summary>
    /// <exception cref="ArgumentException">The URL is not an AMQP URL.</exception>
    public static ConnectionFactory CreateFactory(string url, TimeSpan retry)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new ArgumentException($"{Redact(url)}: expected amqp://HOST[:PORT]/VHOST");
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
