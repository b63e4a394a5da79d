using System.Globalization;
using System.Text.Json;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Publishes a worker's <see cref="WorkerStatus"/> on the status exchange every interval, on a channel of its own,
/// until cancelled; then once more, marked stopped. A beat while the connection is down is skipped: the client's
/// recovery brings the channel back, and a watcher counts the missed beats.
/// </summary>
internal static class Heartbeat
{
    /// <summary>The message type of a heartbeat.</summary>
    public const string MessageType = "formats.worker.status";

    public static async Task RunAsync(IConnection connection, QueueTopology topology, Func<bool, WorkerStatus> snapshot, TimeSpan interval, CancellationToken cancellationToken)
    {
        IChannel? channel = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                channel = await BeatAsync(connection, channel, topology, snapshot(false), interval, cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            channel = await BeatAsync(connection, channel, topology, snapshot(true), interval, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<IChannel?> BeatAsync(IConnection connection, IChannel? channel, QueueTopology topology, WorkerStatus status, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                Type = MessageType,
                // Transient and short-lived: a watcher's queue that falls behind holds only recent beats.
                Expiration = Math.Max(1000, (long)(interval.TotalMilliseconds * 3)).ToString(CultureInfo.InvariantCulture),
            };
            await channel.BasicPublishAsync(topology.Status, "", mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(status, QueueJson.Default.WorkerStatus), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException or BrokerUnreachableException)
        {
            // The connection is down: this beat is missed; its recovery restores the channel.
        }

        return channel;
    }
}
