using System.Text.Json;
using Formats.Hosting;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Formats.Host.Queue;

/// <summary>
/// Follows one batch for <c>formats submit --wait</c>: a private queue bound to the results and dead-letter
/// exchanges (both fanout: every batch's messages arrive, and this one keeps its own), counted once per job id
/// (a job run twice after a crash announces itself twice).
/// </summary>
internal sealed class BatchFollower
{
    private readonly Channel<Outcome> outcomes = Channel.CreateUnbounded<Outcome>();
    private readonly string batch;

    private BatchFollower(string batch) => this.batch = batch;

    /// <summary>A job's end: committed (Reason null) or dead-lettered with its reason.</summary>
    public sealed record Outcome(string Id, string? Reason);

    /// <summary>Binds the private queue and starts consuming; call before publishing, so no outcome is missed.</summary>
    public static async Task<BatchFollower> StartAsync(IChannel channel, QueueTopology topology, string batch, CancellationToken cancellationToken)
    {
        var follower = new BatchFollower(batch);
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

    /// <summary>Waits until every job in <paramref name="ids"/> has ended; reports each new end.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> WaitAsync(IReadOnlySet<string> ids, Action<Outcome> onEnd, CancellationToken cancellationToken)
    {
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
                    onEnd(outcome);
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
                    outcomes.Writer.TryWrite(new Outcome(job.Id ?? "", QueueHeaders.DeathReason(headers)));
                }
            }
            else
            {
                var result = JsonSerializer.Deserialize(body, QueueJson.Default.JobResult);
                if (result?.Batch == batch)
                {
                    outcomes.Writer.TryWrite(new Outcome(result.Id, null));
                }
            }
        }
        catch (JsonException)
        {
            // Another party's message on a shared exchange (or a job that was never JSON): not this batch's.
        }
    }
}
