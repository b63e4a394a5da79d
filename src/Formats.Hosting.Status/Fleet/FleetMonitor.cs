using System.Text.Json;
using Formats.Hosting.RabbitMQ;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.Status;

/// <summary>
/// Watches one queue's fleet without taking part in it: a private queue bound to the status, results and dead-letter
/// exchanges hears every heartbeat, committed job and dead letter; a passive declare every
/// <see cref="FleetStatusOptions.PollSeconds"/> reads the queue's depth and consumers from the broker itself. It
/// declares no jobs queue and consumes no job. <see cref="Current"/> is what the page and <c>/api/status</c> show.
/// </summary>
public sealed class FleetMonitor : BackgroundService
{
    private readonly FleetStatusOptions options;
    private readonly ILogger<FleetMonitor> logger;
    private readonly FleetState state;

    /// <summary>Creates the monitor; it connects when the host starts.</summary>
    /// <param name="options">Which queue to watch.</param>
    /// <param name="logger">Where connection problems are logged.</param>
    /// <param name="clock">The clock of heartbeats and rates; default the system's.</param>
    public FleetMonitor(IOptions<FleetStatusOptions> options, ILogger<FleetMonitor> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        state = new FleetState(this.options, clock ?? TimeProvider.System);
    }

    /// <summary>The fleet now.</summary>
    public FleetStatus Current => state.Build();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var url = options.Broker ?? throw new InvalidOperationException("no broker URL");
        var topology = new QueueTopology(options.Queue, QueueTopology.DefaultDeliveryLimit);
        IConnection connection;
        try
        {
            connection = await BrokerConnection.ConnectAsync(url, TimeSpan.FromSeconds(2), "formats status", logger, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (InvalidOperationException e)
        {
            state.Broker(false, e.Message);
            throw;
        }

        await using (connection)
        {
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                state.Broker(false, $"connection to the broker lost ({e.ReplyText}); reconnecting");
                return Task.CompletedTask;
            };
            connection.RecoverySucceededAsync += (_, _) =>
            {
                state.Broker(true, null);
                return Task.CompletedTask;
            };
            await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
            await topology.DeclareExchangesAsync(channel, stoppingToken);
            // Exclusive and auto-deleted: the watch leaves nothing behind; recovery declares it anew after an outage.
            var watch = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: stoppingToken);
            foreach (var exchange in new[] { topology.Status, topology.Results, topology.Dead })
            {
                await channel.QueueBindAsync(watch.QueueName, exchange, "", cancellationToken: stoppingToken);
            }

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, e) =>
            {
                Hear(topology, e.Exchange, e.BasicProperties, e.Body.Span);
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(watch.QueueName, autoAck: true, consumer, stoppingToken);
            state.Broker(true, null);
            var shown = JobPublisher.Redact(url);
            StatusLog.Watching(logger, topology.Jobs, shown);

            IChannel? probe = null;
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    probe = await CountAsync(connection, probe, topology, stoppingToken);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(options.PollSeconds, 0.1)), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            finally
            {
                if (probe is not null)
                {
                    await probe.DisposeAsync();
                }
            }
        }
    }

    // A passive declare of a missing queue closes the channel (404): a fresh one is opened for the next poll.
    private async Task<IChannel?> CountAsync(IConnection connection, IChannel? probe, QueueTopology topology, CancellationToken cancellationToken)
    {
        try
        {
            if (probe is not { IsOpen: true })
            {
                if (probe is not null)
                {
                    await probe.DisposeAsync();
                }

                probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            var jobs = await probe.QueueDeclarePassiveAsync(topology.Jobs, cancellationToken);
            var dead = await probe.QueueDeclarePassiveAsync(topology.Dead, cancellationToken);
            state.Counted(new QueueCounts(jobs.MessageCount, jobs.ConsumerCount, dead.MessageCount));
            state.Broker(true, null);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            state.Counted(new QueueCounts(null, null, null));
            state.Broker(true, $"queue {topology.Jobs} does not exist yet (no worker or submit has declared it)");
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
        {
            state.Broker(false, $"cannot read the queue from the broker: {e.Message.ReplaceLineEndings(" ")}");
        }

        return probe;
    }

    private void Hear(QueueTopology topology, string exchange, IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        try
        {
            if (exchange == topology.Status)
            {
                if (JsonSerializer.Deserialize(body, StatusJson.Default.WorkerStatus) is { } status)
                {
                    state.Heard(status);
                }
            }
            else if (exchange == topology.Results)
            {
                if (JsonSerializer.Deserialize(body, StatusJson.Default.ResultMessage) is { } result)
                {
                    state.Committed(result.Bytes, result.Milliseconds);
                }
            }
            else if (exchange == topology.Dead)
            {
                var headers = properties.Headers is { } h ? new Dictionary<string, object?>(h) : null;
                string? input = null;
                try
                {
                    input = ConversionJob.FromJson(body.ToArray()).Input;
                }
                catch (JsonException)
                {
                    // Not a job at all: its reason says so.
                }

                state.DeadLettered(new DeadLetter
                {
                    Id = properties.MessageId ?? "",
                    Input = input,
                    Reason = QueueHeaders.DeathReason(headers),
                    Worker = QueueHeaders.Text(headers, QueueHeaders.Worker),
                    At = DateTimeOffset.UtcNow,
                });
            }
        }
        catch (JsonException e)
        {
            StatusLog.Unreadable(logger, exchange, e.Message);
        }
    }
}
