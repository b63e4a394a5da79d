using System.Net;
using System.Net.Sockets;
using Formats.Testing;

namespace Formats.Host.Tests.Queue;

/// <summary>A broker that cannot be used is named (URL without its password) with the cause, in one error line.</summary>
public sealed class BrokerConnectionTests
{
    [Fact]
    public async Task SubmitToAPortNobodyListensOnSaysConnectionRefused()
    {
        var url = $"amqp://localhost:{FreePort()}";
        var (code, err) = await SubmitAsync(url);

        Assert.Equal(1, code);
        Assert.Equal($"error: cannot connect to the broker at {url}: connection refused (nothing listens on localhost:{new Uri(url).Port})", err.Trim());
    }

    [Fact]
    public async Task SubmitToAHostThatDoesNotExistSaysTheNameIsNotResolved()
    {
        // .invalid never resolves (RFC 2606).
        var (code, err) = await SubmitAsync("amqp://user:secret@no-such-broker.invalid/");

        Assert.Equal(1, code);
        Assert.Equal("error: cannot connect to the broker at amqp://user:***@no-such-broker.invalid/: host name 'no-such-broker.invalid' not resolved", err.Trim());
    }

    [BrokerFact]
    public async Task SubmitWithAWrongPasswordSaysAuthenticationFailedWithoutThePassword()
    {
        var url = WithUserInfo(Broker.Url, "guest:wrong-secret");
        var (code, err) = await SubmitAsync(url);

        Assert.Equal(1, code);
        Assert.DoesNotContain("wrong-secret", err, StringComparison.Ordinal);
        Assert.Equal($"error: cannot connect to the broker at {WithUserInfo(Broker.Url, "guest:***")}: authentication failed for user 'guest' (wrong user name or password)", err.Trim());
    }

    [BrokerFact]
    public async Task SubmitToAMissingVhostSaysSo()
    {
        var url = new UriBuilder(Broker.Url) { Path = "/no-such-vhost" }.Uri.ToString();
        var (code, err) = await SubmitAsync(url);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot connect to the broker at {url}: virtual host 'no-such-vhost' does not exist", err.Trim(), StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
    }

    [BrokerFact]
    public async Task AWorkerWithAWrongPasswordStopsNamingTheCauseInsteadOfWaitingForever()
    {
        using var dir = new TempDir();
        using var worker = FormatsProcess.StartCommand(["worker", "--queue", WithUserInfo(Broker.Url, "guest:wrong-secret"), "--queue-name", Broker.NewQueueName(), "--allow", dir.Path]);

        Assert.Equal(1, await worker.WaitForExitAsync());
        Assert.Equal($"error: cannot connect to the broker at {WithUserInfo(Broker.Url, "guest:***")}: authentication failed for user 'guest' (wrong user name or password)", worker.Lines[^1]);
        Assert.DoesNotContain("wrong-secret", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerWaitingForABrokerLogsWhyItIsUnreachable()
    {
        using var dir = new TempDir();
        var url = $"amqp://localhost:{FreePort()}";
        using var worker = FormatsProcess.StartCommand(["worker", "--queue", url, "--queue-name", "q", "--allow", dir.Path],
            new Dictionary<string, string> { ["FORMATS_Formats__Queue__RetrySeconds"] = "1" });

        await worker.WaitForLineAsync(l => l.Contains($"waiting for the broker at {url} (attempt 1: connection refused (nothing listens on localhost:{new Uri(url).Port}))", StringComparison.Ordinal), "the reason");
        Assert.Equal(0, await worker.TerminateAsync());
    }

    private static async Task<(int Code, string Err)> SubmitAsync(string url)
    {
        using var dir = new TempDir();
        var input = dir.File("a.npy");
        File.WriteAllBytes(input, Worker.WorkerFolders.Npy(DType.Int32, [2], Worker.WorkerFolders.Int32s(2)));
        var (code, _, err) = await Cli.RunAsync("submit", "--queue", url, "--queue-name", "q", input, "--to", "npz", "--outbox", dir.Path);
        return (code, err);
    }

    private static string WithUserInfo(string url, string userInfo)
    {
        var uri = new Uri(url);
        return $"{uri.Scheme}://{userInfo}@{uri.Authority}{(url.EndsWith('/') || uri.AbsolutePath.Length > 1 ? uri.AbsolutePath : "")}";
    }

    // A port that was free a moment ago: connecting to it is refused.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
