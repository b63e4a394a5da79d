using System.Text.Json;
using System.Threading.Channels;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Follows one batch of jobs (<see cref="JobPublisher.FollowAsync"/>): a private queue bound to the results and
/// dead-letter exchanges (both fanout: every batch's messages arrive, and this one keeps its own), counted once per
/// job id (a job run twice after a crash announces itself twice).
/// </summary>
public sealed class JobFollower
{
    private readonly Channel<JobEnd> outcomes = Channel.CreateUnbounded<JobEnd>();
    private readonly string batch;

    private JobFollower(string batch) => this.batch = batch;

    // Binds the private queue and starts consuming; called before publishing, so no end is missed.
    internal static async Task<JobFollower> StartAsync(IChannel channel, QueueTopology topology, string batch, CancellationToken cancellationToken)
    {
        var follower = new JobFollower(batch);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.QueueName, topology.Results, "", cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.QueueName, topology.Dead, "", cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            follower.Accept(e.Exchange == topology.Dead, e.BasicProperties.Headers, e.Body.Span);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
        return follower;
    }

    /// <summary>
    /// Waits until every job in <paramref name="ids"/> has ended; reports each first end to <paramref name="onEnd"/>.
    /// Returns each job's end: null when its output was committed, else the reason it was dead-lettered.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> WaitAsync(IReadOnlySet<string> ids, Action<JobEnd>? onEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var ended = new Dictionary<string, string?>();
        while (ended.Count < ids.Count)
        {
            var outcome = await outcomes.Reader.ReadAsync(cancellationToken);
            // A dead letter outranks a result for the same id only if no result came: committed output stays committed.
            if (ids.Contains(outcome.Id) && (!ended.TryGetValue(outcome.Id, out var earlier) || (earlier is not null && outcome.Reason is null)))
            {
                var first = !ended.ContainsKey(outcome.Id);
                ended[outcome.Id] = outcome.Reason;
                if (first)
                {
                    onEnd?.Invoke(outcome);
                }
            }
        }

        return ended;
    }

    private void Accept(bool dead, IDictionary<string, object?>? headers, ReadOnlySpan<byte> body)
    {
        try
        {
            if (dead)
            {
                var job = ConversionJob.FromJson(body);
                if (job.Batch == batch)
                {
                    outcomes.Writer.TryWrite(new JobEnd(job.Id ?? "", QueueHeaders.DeathReason(headers)));
                }
            }
            else
            {
                var result = JsonSerializer.Deserialize(body, QueueJson.Default.JobResult);
                if (result?.Batch == batch)
                {
                    outcomes.Writer.TryWrite(new JobEnd(result.Id, null));
                }
            }
        }
        catch (JsonException)
        {
            // Another party's message on a shared exchange (or a job that was never JSON): not this batch's.
        }
    }
}

/// <summary>A job's end, as a <see cref="JobFollower"/> reports it.</summary>
/// <param name="Id">The job.</param>
/// <param name="Reason">Null when its output was committed; else why it was dead-lettered.</param>
public sealed record JobEnd(string Id, string? Reason);
