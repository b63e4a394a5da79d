using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Converts <see cref="ConversionJob"/>s from a RabbitMQ quorum queue, <see cref="QueueWorkerOptions.Parallel"/> at a
/// time on a <see cref="JobRunner"/>, and settles each only after its outcome is safe: a committed output is announced
/// on the results exchange and then acknowledged; bad input, and a path outside <see cref="QueueWorkerOptions.AllowedRoots"/>,
/// is published to the dead-letter exchange with its reason (header <see cref="QueueHeaders.Reason"/>) and then
/// acknowledged; a transient failure is returned to the queue until its last delivery, which is dead-lettered with its
/// reason. A crash before the acknowledgement makes the broker deliver the job again, and the rerun writes the same bytes.
/// </summary>
/// <remarks>
/// It waits for the broker (at start and after a lost connection), logging why it is unreachable; wrong credentials or
/// a missing vhost, which waiting cannot fix, end <see cref="BackgroundService.ExecuteTask"/> with an
/// <see cref="InvalidOperationException"/> naming the cause. Stopping gives jobs in hand
/// <see cref="QueueWorkerOptions.DrainSeconds"/> to finish; the rest are abandoned and delivered again by the broker.
/// </remarks>
/// <param name="files">The engine.</param>
/// <param name="options">The worker's settings.</param>
/// <param name="logger">Where each job's outcome is logged (event ids 1100-1117).</param>
public sealed class QueueWorker(ArrayFiles files, IOptions<QueueWorkerOptions> options, ILogger<QueueWorker> logger) : BackgroundService
{
    private static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId}";

    private readonly JobConverter converter = new(files);

    private WorkerActivity? activity;

    // Cancelled when the drain period or the host's shutdown timeout ends: jobs still converting then are abandoned (no output, no ack).
    private readonly CancellationTokenSource abandon = new();

    private readonly ConcurrentDictionary<long, Task> settling = new();

    // Bumped whenever the connection goes down: a delivery tag from an older connection means nothing to the new one.
    private long generation;
    private long deliveries;
    private CancellationToken stopping;

    private enum Verdict
    {
        Committed,
        DeadLetter,
        Retry,
        Abandoned,
        Stale,
    }

    /// <summary>Creates the worker with its instruments on a meter from <paramref name="meters"/> (the host's, when it has one).</summary>
    /// <param name="files">The engine.</param>
    /// <param name="options">The worker's settings.</param>
    /// <param name="logger">Where each job's outcome is logged.</param>
    /// <param name="meters">Where the meter <see cref="FolderWorker.MeterName"/> comes from; null for a meter of its own.</param>
    public QueueWorker(ArrayFiles files, IOptions<QueueWorkerOptions> options, ILogger<QueueWorker> logger, IMeterFactory? meters)
        : this(files, options, logger)
    {
        activity = new WorkerActivity("queue", meters);
    }

    /// <summary>The worker's id in heartbeats, dead letters and results: host:pid.</summary>
    public static string Id => Worker;

    /// <summary>What the worker has in hand and has done: the record its heartbeat carries every <see cref="QueueWorkerOptions.HeartbeatSeconds"/>.</summary>
    public WorkerActivity Activity => LazyInitializer.EnsureInitialized(ref activity, () => new WorkerActivity("queue"));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        abandon.Dispose();
        activity?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var again = false;
        while (true)
        {
            try
            {
                await ConsumeAsync(again, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.ConnectionForced && !stoppingToken.IsCancellationRequested)
            {
                // The broker went down between connecting and consuming (declaring the queues, say): not a refusal.
                // Connect again, as the connection's own recovery does once the worker consumes.
                again = true;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.Value.RetrySeconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason is { } reason)
            {
                // A refused declaration (another delivery limit), a missing vhost.
                throw new InvalidOperationException($"queue {options.Value.Queue}: the broker refused: {reason.ReplyText}", e);
            }
        }
    }

    private async Task ConsumeAsync(bool again, CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var o = options.Value;
        var roots = new AllowedRoots([.. o.AllowedRoots]);
        var topology = o.Topology;
        var url = o.Broker ?? throw new InvalidOperationException("no broker URL");
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

            // Prefetch bounds what the broker sends; the runner's queue holds back the consumer when every converter is busy.
            var runner = new JobRunner(o.Parallel, "formats queue worker");
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, e) =>
            {
                // The body's memory belongs to the client only for the duration of this handler.
                var delivery = new Delivery(e.DeliveryTag, Interlocked.Read(ref generation), e.Redelivered, e.BasicProperties.MessageId ?? "",
                    e.BasicProperties.Headers is { } h ? new Dictionary<string, object?>(h) : null, e.Body.ToArray(),
                    e.BasicProperties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(e.BasicProperties.Timestamp.UnixTime) : null);
                Task<Outcome> converted;
                try
                {
                    converted = await runner.EnqueueAsync(() => Convert(delivery, roots, topology), CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                    return; // stopping: unacknowledged, it goes back to the queue with this channel
                }

                var key = Interlocked.Increment(ref deliveries);
                var settle = SettleAsync(channel, topology, delivery, converted);
                settling[key] = settle;
                _ = settle.ContinueWith(_ => settling.TryRemove(key, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            };
            var consumerTag = await channel.BasicConsumeAsync(topology.Jobs, autoAck: false, consumer, stoppingToken);
            using var stopBeating = new CancellationTokenSource();
            var interval = TimeSpan.FromSeconds(o.HeartbeatSeconds);
            var heartbeat = Heartbeat.RunAsync(connection, topology, stopped => Activity.Snapshot(Worker, interval.TotalSeconds, stopped), interval, stopBeating.Token);
            var shownUrl = QueueConnector.Redact(url);
            if (again)
            {
                QueueLog.Reconnected(logger, shownUrl);
            }

            QueueLog.Consuming(logger, topology.Jobs, shownUrl, o.Parallel, o.EffectivePrefetch, topology.DeliveryLimit, topology.Dead);
            await using var drain = stoppingToken.Register(() => abandon.CancelAfter(TimeSpan.FromSeconds(o.DrainSeconds)));
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: take no more jobs, let those in hand finish until the drain period ends.
            }

            try
            {
                await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
            {
                // The connection is down: the broker has already taken back every unacknowledged job.
            }

            await runner.CompleteAsync();
            await Task.WhenAll(settling.Values);
            await stopBeating.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
            }

            QueueLog.Stopped(logger, topology.Jobs);
        }
    }

    // On a runner thread: everything up to the broker's part, which SettleAsync does.
    private Outcome Convert(Delivery delivery, AllowedRoots roots, QueueTopology topology)
    {
        var attempt = QueueHeaders.EarlierDeliveries(delivery.Headers) + 1;
        var id = delivery.MessageId;
        if (delivery.Generation != Interlocked.Read(ref generation))
        {
            return new Outcome(Verdict.Stale, id, attempt);
        }

        ConversionJob job;
        try
        {
            job = ConversionJob.FromJson(delivery.Body);
            id = job.Id ?? id;
        }
        catch (JsonException e)
        {
            var reason = $"message {id} is not a conversion job: {OneLine(e.Message)}";
            Activity.Fail(Activity.Begin($"message {id}", delivery.QueuedAt), reason);
            return new Outcome(Verdict.DeadLetter, id, attempt, reason);
        }

        var clock = Stopwatch.StartNew();
        var inHand = Activity.Begin(job.Input, delivery.QueuedAt);
        var outcome = Run(job, inHand, id, attempt, roots, topology, clock);
        switch (outcome.Verdict)
        {
            case Verdict.Committed:
                Activity.Finish(inHand, outcome.Result!);
                break;
            case Verdict.DeadLetter or Verdict.Retry:
                Activity.Fail(inHand, outcome.Reason!, final: outcome.Verdict == Verdict.DeadLetter);
                break;
            default:
                Activity.Abandon(inHand);
                break;
        }

        return outcome;
    }

    private Outcome Run(ConversionJob job, WorkerJob inHand, string id, long attempt, AllowedRoots roots, QueueTopology topology, Stopwatch clock)
    {
        try
        {
            // The job runs on the paths that were checked, links and '..' resolved: a link changed afterwards is not followed anew.
            if (roots.Check(job, out var problem) is not { } allowed)
            {
                // No retry can make a path allowed: the job is refused at once.
                return new Outcome(Verdict.DeadLetter, id, attempt, problem!.StartsWith(job.Input, StringComparison.Ordinal) ? problem : $"job {id}: {problem}");
            }

            job = allowed;
            var result = converter.Convert(job, inHand, abandon.Token);
            return new Outcome(Verdict.Committed, id, attempt, Job: job, Result: result, Milliseconds: clock.ElapsedMilliseconds);
        }
        catch (Exception e)
        {
            return JobFailure.Classify(e, job) switch
            {
                JobFailureKind.Cancelled when abandon.IsCancellationRequested => new Outcome(Verdict.Abandoned, id, attempt),
                JobFailureKind.BadInput => new Outcome(Verdict.DeadLetter, id, attempt, JobFailure.Describe(e)),
                // The broker would dead-letter it on this return, without the reason: it is done here, with it.
                _ when attempt > topology.DeliveryLimit => new Outcome(Verdict.DeadLetter, id, attempt, JobFailure.Describe(e)),
                _ => new Outcome(Verdict.Retry, id, attempt, JobFailure.Describe(e)),
            };
        }
    }

    private async Task SettleAsync(IChannel channel, QueueTopology topology, Delivery delivery, Task<Outcome> converted)
    {
        var outcome = await converted;
        var id = outcome.Id;
        switch (outcome.Verdict)
        {
            case Verdict.Stale:
                QueueLog.StaleDelivery(logger, id);
                return;
            case Verdict.Abandoned:
                QueueLog.Abandoned(logger, id);
                return;
            case Verdict.DeadLetter:
                await DeadLetterAsync(channel, topology, delivery, id, outcome.Attempt, outcome.Reason!);
                return;
            case Verdict.Retry:
                // A path that is not there yet rarely appears within milliseconds: wait before returning the job
                // (it keeps its prefetch slot meanwhile), longer after each failure.
                var backoff = TimeSpan.FromSeconds(options.Value.RetrySeconds * outcome.Attempt);
                QueueLog.Retrying(logger, id, outcome.Attempt, topology.DeliveryLimit + 1, backoff.TotalSeconds, outcome.Reason!);
                try
                {
                    await Task.Delay(backoff, stopping);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down: return it now.
                }

                await SettleAsync(delivery, id, async () => await channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true));
                return;
        }

        var (job, result) = (outcome.Job!, outcome.Result!);
        QueueLog.Committed(logger, id, result.Output, result.DataBytes, outcome.Milliseconds, outcome.Attempt, delivery.Redelivered ? ", redelivered" : "");
        if (delivery.Redelivered || outcome.Attempt > 1)
        {
            // An earlier delivery may have died mid-write (SIGKILL, power loss), leaving its hidden temporary beside the
            // output. Removed after this commit, not before: only a delivery orphaned by a lost connection can still be
            // writing one, and its work is now committed by this run (its rename then fails; the output stays).
            if (JobConverter.RemoveStaleTemporaries(result.Output) is var removed and > 0)
            {
                QueueLog.RemovedTemporaries(logger, id, removed, result.Output);
            }
        }

        var announcement = JobResult.ToJson(new JobResult(id, job.Batch, result.Output, result.DataBytes, Worker, outcome.Milliseconds));
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
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or PublishException or IOException or ObjectDisposedException)
        {
            QueueLog.SettleFailed(logger, id, OneLine(e.Message));
            return false;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed record Delivery(ulong Tag, long Generation, bool Redelivered, string MessageId, Dictionary<string, object?>? Headers, byte[] Body, DateTimeOffset? QueuedAt);

    private sealed record Outcome(Verdict Verdict, string Id, long Attempt, string? Reason = null, ConversionJob? Job = null, JobOutcome? Result = null, long Milliseconds = 0);
}
