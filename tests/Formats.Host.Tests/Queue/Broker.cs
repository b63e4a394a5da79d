using System.Diagnostics;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Formats.Host.Tests.Queue;

/// <summary>
/// The RabbitMQ broker the queue tests use: FORMATS_TEST_AMQP, else amqp://localhost (.ci/run installs and starts
/// Debian's rabbitmq-server). In CI (CI set) a missing broker fails the tests; elsewhere they are skipped.
/// </summary>
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

    /// <summary>Why the broker cannot be reached, or null.</summary>
    public static string? Unreachable => Problem.Value;

    public static async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new Uri(Url) }.CreateConnectionAsync("formats tests");

    /// <summary>A fresh queue name, so tests never see each other's jobs.</summary>
    public static string NewQueueName() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Ready plus unacknowledged messages in <paramref name="queue"/> (what rabbitmqctl reports).</summary>
    public static long Messages(string queue)
    {
        var (_, output) = Ctl("-q", "list_queues", "name", "messages");
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && parts[0] == queue)
            {
                return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>Deletes the queue and everything that goes with it.</summary>
    public static async Task DeleteAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeleteAsync(queue + ".dead");
        await channel.ExchangeDeleteAsync(queue + ".dead");
        await channel.ExchangeDeleteAsync(queue + ".results");
        await channel.ExchangeDeleteAsync(queue + ".status");
    }

    /// <summary>Runs rabbitmqctl (the tests run on the broker's machine, as CI does).</summary>
    public static (int Code, string Output) Ctl(params string[] args)
    {
        var psi = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
