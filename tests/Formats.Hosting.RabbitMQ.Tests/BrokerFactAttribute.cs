using System.Net.Sockets;
using RabbitMQ.Client;

namespace Formats.Hosting.RabbitMQ.Tests;

/// <summary>A test against the real broker (FORMATS_TEST_AMQP, else amqp://localhost): skipped when none answers, except in CI, where it runs and fails.</summary>
public sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        if (Broker.Unreachable is { } problem && !Broker.InCi)
        {
            Skip = $"no RabbitMQ broker at {Broker.Url} ({problem}); start one (rabbitmq-server -detached) or set FORMATS_TEST_AMQP";
        }
    }
}

/// <summary>The broker the tests use, and a clean-up for each test's own queue.</summary>
internal static class Broker
{
    public static string Url { get; } = Environment.GetEnvironmentVariable("FORMATS_TEST_AMQP") is { Length: > 0 } url ? url : "amqp://localhost";

    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<string?> Problem = new(() =>
    {
        var uri = new Uri(Url);
        try
        {
            using var client = new TcpClient();
            client.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 5672).Wait(TimeSpan.FromSeconds(5));
            return client.Connected ? null : $"no answer from {uri.Host}";
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return e.GetBaseException().Message;
        }
    });

    public static string? Unreachable => Problem.Value;

    public static string NewQueueName() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task DeleteAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(Url) }.CreateConnectionAsync("formats tests");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeleteAsync(queue + ".dead");
        await channel.ExchangeDeleteAsync(queue + ".dead");
        await channel.ExchangeDeleteAsync(queue + ".results");
    }
}
