using System.Globalization;
using System.Text;

namespace Formats.Hosting.RabbitMQ;

/// <summary>Message headers the queue's parties read and write.</summary>
public static class QueueHeaders
{
    /// <summary>Set by a worker on a job it dead-letters: the one-line reason.</summary>
    public const string Reason = "x-formats-reason";

    /// <summary>Set by a worker on a job it dead-letters: the worker (host:pid) that gave up on it.</summary>
    public const string Worker = "x-formats-worker";

    /// <summary>Set by a worker on a job it dead-letters: how many times the job was delivered.</summary>
    public const string Attempts = "x-formats-attempts";

    /// <summary>Quorum queues count a message's earlier returns (nack with requeue, a channel or connection lost) here.</summary>
    public const string DeliveryCount = "x-delivery-count";

    /// <summary>The broker's own dead-lettering record (a list of tables with <c>reason</c>, <c>queue</c>, <c>count</c>).</summary>
    public const string Death = "x-death";

    /// <summary>Earlier returns of this delivery (0 on the first).</summary>
    public static long EarlierDeliveries(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue(DeliveryCount, out var value) && value is not null
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : 0;

    /// <summary>A header as text (AMQP strings arrive as bytes), or null.</summary>
    public static string? Text(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? AsText(value) : null;

    /// <summary>
    /// Why a dead-lettered message is dead: the worker's reason, else the broker's (<c>x-death</c>: delivery_limit,
    /// rejected, expired).
    /// </summary>
    public static string DeathReason(IDictionary<string, object?>? headers)
    {
        if (Text(headers, Reason) is { } reason)
        {
            return reason;
        }

        if (headers is not null && headers.TryGetValue(Death, out var death) && death is IList<object> { Count: > 0 } list
            && list[0] is IDictionary<string, object?> first)
        {
            var why = AsText(first.TryGetValue("reason", out var r) ? r : null);
            return why == "delivery_limit"
                ? "delivery limit reached: every delivery was returned unfinished (worker crashed, was stopped or lost its connection)"
                : $"dead-lettered by the broker ({why})";
        }

        return "dead-lettered (no reason recorded)";
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
