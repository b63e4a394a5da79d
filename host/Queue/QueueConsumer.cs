using System.Diagnostics;
using Formats.Hosting;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Formats.Host.Queue;

/// <summary>
/// Converts jobs from the queue, <see cref="QueueOptions.Parallel"/> at a time (the broker's prefetch), and settles
/// each only after its outcome is safe: a committed output is announced on the results exchange and then
/// acknowledged; bad input is published to the dead-letter exchange with its reason and then acknowledged; a
/// transient failure is returned to the queue until its last delivery, which is dead-lettered with its reason. A
/// crash before the acknowledgement makes the broker deliver the job again, and the rerun writes the same bytes.
/// </summary>
internal sealed class QueueConsumer(ArrayFiles files, IOptions<QueueOptions> options, Worker.WorkerRun run, IHostApplicationLifetime lifetime,
    ILogger<QueueConsumer> logger) : BackgroundService
{
    private static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly AllowedRoots roots = new(options.Value.AllowedRoots);

    // Cancelled when the host's shutdown timeout ends: jobs still converting then are abandoned (no output, no ack).
    private readonly CancellationTokenSource abandon = new();

    // Bumped whenever the connection goes down: a delivery tag from an older connection means nothing to the new one.
    private long generation;

    private CancellationToken stopping;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ConsumeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason is { } reason)
        {
            // A refused declaration (another delivery limit), a missing vhost: the command prints it as one error line.
            run.Fatal = new InvalidOperationException($"queue {options.Value.Name}: the broker refused: {reason.ReplyText}", e);
            lifetime.StopApplication();
        }
        catch (Exception e)
        {
            // Bad credentials, an unknown host: the command prints it as one error line.
            run.Fatal = e;
            lifetime.StopApplication();
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var o = options.Value;
        var topology = o.Topology;
        var url = o.Url ?? throw new InvalidOperationException("no queue URL");
        IConnection connection;
        try
        {
            connection = await new QueueConnector(logger).ConnectAsync(url, TimeSpan.FromSeconds(o.RetrySeconds), $"formats worker {Worker}", stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await using (connection)
        {
            connection.ConnectionShutdownAsync += (_, _) =>
            {
                Interlocked.Increment(ref generation);
                return Task.CompletedTask;
            };
            await using var channel = await QueueConnector.OpenChannelAsync(connection, url, stoppingToken);
            await topology.DeclareAsync(channel, stoppingToken);
            await channel.BasicQosAsync(0, (ushort)o.EffectivePrefetch, global: false, stoppingToken);

            // Prefetch bounds what the broker sends; this channel only hands deliveries to the converters.
            var inbox = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(o.EffectivePrefetch) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = true });
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, e) =>
            {
                // The body's memory belongs to the client only for the duration of this handler.
                var delivery = new Delivery(e.DeliveryTag, Interlocked.Read(ref generation), e.Redelivered, e.BasicProperties.MessageId ?? "",
                    e.BasicProperties.Headers is { } h ? new Dictionary<string, object?>(h) : null, e.Body.ToArray());
                await inbox.Writer.WriteAsync(delivery, CancellationToken.None);
            };
            var converters = Enumerable.Range(0, o.Parallel).Select(_ => ConvertAllAsync(channel, topology, inbox.Reader)).ToArray();
            var consumerTag = await channel.BasicConsumeAsync(topology.Jobs, autoAck: false, consumer, stoppingToken);
            var shownUrl = QueueConnector.Redact(url);
            QueueLog.Consuming(logger, topology.Jobs, shownUrl, o.Parallel, o.EffectivePrefetch, topology.DeliveryLimit, topology.Dead);
            // On SIGTERM, jobs in hand get DrainSeconds (the folder worker's setting) to finish, then are abandoned.
            await using var drain = stoppingToken.Register(() => abandon.CancelAfter(TimeSpan.FromSeconds(o.DrainSeconds)));
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: take no more jobs, let those in hand finish until the host's shutdown timeout.
            }

            try
            {
                await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
            {
                // The connection is down: the broker has already taken back every unacknowledged job.
            }

            inbox.Writer.TryComplete();
            await Task.WhenAll(converters);
            QueueLog.Stopped(logger, topology.Jobs);
        }
    }

    private async Task ConvertAllAsync(IChannel channel, QueueTopology topology, ChannelReader<Delivery> deliveries)
    {
        await foreach (var delivery in deliveries.ReadAllAsync(CancellationToken.None))
        {
            await ConvertAsync(channel, topology, delivery);
        }
    }

    private async Task ConvertAsync(IChannel channel, QueueTopology topology, Delivery delivery)
    {
        var attempt = QueueHeaders.EarlierDeliveries(delivery.Headers) + 1;
        var id = delivery.MessageId;
        if (delivery.Generation != Interlocked.Read(ref generation))
        {
            QueueLog.StaleDelivery(logger, id);
            return;
        }

        ConversionJob job;
        try
        {
            job = ConversionJob.FromJson(delivery.Body);
            id = job.Id ?? id;
        }
        catch (JsonException e)
        {
            await DeadLetterAsync(channel, topology, delivery, id, attempt, $"message {id} is not a conversion job: {OneLine(e.Message)}");
            return;
        }

        var clock = Stopwatch.StartNew();
        ConversionResult result;
        try
        {
            // The job runs on the paths that were checked, links and '..' resolved: a link changed afterwards is not followed anew.
            if (roots.Check(job, out var problem) is not { } allowed)
            {
                await DeadLetterAsync(channel, topology, delivery, id, attempt, problem!.Contains("not a regular file", StringComparison.Ordinal) ? problem : $"job {id}: {problem}");
                return;
            }

            job = allowed;
            result = await files.ConvertAsync(job.Input, job.Output, job.ToReadRequest(), job.ToWriteRequest(), null, abandon.Token);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            QueueLog.Abandoned(logger, id);
            return;
        }
        catch (Exception e) when (IsBadInput(e, job))
        {
            await DeadLetterAsync(channel, topology, delivery, id, attempt, OneLine(ErrorText.Describe(e)));
            return;
        }
        catch (Exception e)
        {
            var reason = OneLine(ErrorText.Describe(e));
            if (attempt > topology.DeliveryLimit)
            {
                // The broker would dead-letter it on this return, without the reason: do it here, with it.
                await DeadLetterAsync(channel, topology, delivery, id, attempt, reason);
            }
            else
            {
                // A path that is not there yet rarely appears within milliseconds: wait before returning the job
                // (it keeps its prefetch slot meanwhile), longer after each failure.
                var backoff = TimeSpan.FromSeconds(options.Value.RetrySeconds * attempt);
                QueueLog.Retrying(logger, id, attempt, topology.DeliveryLimit + 1, backoff.TotalSeconds, reason);
                try
                {
                    await Task.Delay(backoff, stopping);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down: return it now.
                }

                await SettleAsync(delivery, id, async () => await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true));
            }

            return;
        }

        QueueLog.Committed(logger, id, result.Output, result.DataBytes, clock.ElapsedMilliseconds, attempt, delivery.Redelivered ? ", redelivered" : "");
        if (delivery.Redelivered || attempt > 1)
        {
            // An earlier delivery may have died mid-write (SIGKILL, power loss), leaving its hidden temporary beside the
            // output. Removed after this commit, not before: only a delivery orphaned by a lost connection can still be
            // writing one, and its work is now committed by this run (its rename then fails; the output stays).
            if (JobConverter.RemoveStaleTemporaries(result.Output) is var removed and > 0)
            {
                QueueLog.RemovedTemporaries(logger, id, removed, result.Output);
            }
        }

        var announcement = JsonSerializer.SerializeToUtf8Bytes(new JobResult(id, job.Batch, result.Output, result.DataBytes, Worker), QueueJson.Default.JobResult);
        var properties = new BasicProperties { MessageId = id, ContentType = "application/json", CorrelationId = job.Batch };
        await SettleAsync(delivery, id, async () =>
        {
            await channel.BasicPublishAsync(topology.Results, "", mandatory: false, properties, announcement);
            await channel.BasicAckAsync(delivery.Tag, multiple: false);
        });
    }

    private async Task DeadLetterAsync(IChannel channel, QueueTopology topology, Delivery delivery, string id, long attempt, string reason)
    {
        var headers = delivery.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(delivery.Headers);
        headers.Remove(QueueHeaders.DeliveryCount);
        headers[QueueHeaders.Reason] = reason;
        headers[QueueHeaders.Worker] = Worker;
        headers[QueueHeaders.Attempts] = attempt;
        var properties = new BasicProperties { MessageId = id, ContentType = "application/json", Persistent = true, Headers = headers };
        var settled = await SettleAsync(delivery, id, async () =>
        {
            // Confirmed before the ack: a crash in between dead-letters the job twice, never zero times.
            await channel.BasicPublishAsync(topology.Dead, topology.Jobs, mandatory: true, properties, delivery.Body);
            await channel.BasicAckAsync(delivery.Tag, multiple: false);
        });
        if (settled)
        {
            QueueLog.DeadLettered(logger, id, attempt, reason);
        }
    }

    // Settles a delivery only on the connection it came from; any failure leaves it to the broker to deliver again.
    private async Task<bool> SettleAsync(Delivery delivery, string id, Func<Task> settle)
    {
        if (delivery.Generation != Interlocked.Read(ref generation))
        {
            QueueLog.StaleDelivery(logger, id);
            return false;
        }

        try
        {
            await settle();
            return true;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException
            or RabbitMQ.Client.Exceptions.PublishException or IOException or ObjectDisposedException)
        {
            QueueLog.SettleFailed(logger, id, OneLine(e.Message));
            return false;
        }
    }

    // Retrying cannot fix these: the input is malformed or unsupported, or the job asks for the impossible. A path
    // that cannot be reached (a share not mounted yet, a file not yet visible on another machine, permissions) and
    // an I/O error the engine wrapped (disk full) are not the input's fault: the engine reports a missing input as
    // its own "no such file", so reachability is checked here.
    private static bool IsBadInput(Exception e, ConversionJob job) => e switch
    {
        ArrayFormatException f => f.InnerException is not IOException and not UnauthorizedAccessException && Reachable(job),
        ArgumentException => true,
        _ => false,
    };

    private static bool Reachable(ConversionJob job) =>
        File.Exists(job.Input) && Path.GetDirectoryName(Path.GetFullPath(job.Output)) is { } folder && Directory.Exists(folder);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed record Delivery(ulong Tag, long Generation, bool Redelivered, string MessageId, Dictionary<string, object?>? Headers, byte[] Body);
}
