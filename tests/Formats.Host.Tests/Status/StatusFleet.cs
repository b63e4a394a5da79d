using System.Globalization;
using System.Text.RegularExpressions;
using Formats.Host.Tests.Queue;
using Formats.Testing;

namespace Formats.Host.Tests.Status;

/// <summary>A real fleet for the status tests: <c>formats status</c>, <c>formats worker --queue</c> processes and <c>formats submit</c> on a fresh queue.</summary>
internal sealed partial class StatusFleet : IAsyncDisposable
{
    /// <summary>Seconds between heartbeats in these tests, and the beats a worker may miss before it is lost.</summary>
    public const int HeartbeatSeconds = 1;
    public const int LostAfterBeats = 3;

    private readonly List<FormatsProcess> processes = [];

    public StatusFleet()
    {
        Queue = Broker.NewQueueName();
        Inbox = Directory.CreateDirectory(Dir.File("in")).FullName;
        Outbox = Directory.CreateDirectory(Dir.File("out")).FullName;
    }

    public TempDir Dir { get; } = new();

    public string Queue { get; }

    public string Inbox { get; }

    public string Outbox { get; }

    public FormatsProcess? Status { get; private set; }

    /// <summary>The status app's address, as it printed it (it listens on a free port).</summary>
    public string Url { get; private set; } = "";

    /// <summary><paramref name="count"/> arrays of <paramref name="elements"/> doubles, saved by NumPy, and <c>bad.npy</c> that is no array.</summary>
    public int MakeInputs(int count, int elements)
    {
        NumPy.Run($"for i in range({count}): np.save(f'in/j{{i:03}}.npy', np.arange({elements}, dtype='<f8') + i)\n", Dir.Path);
        File.WriteAllText(Path.Combine(Inbox, "bad.npy"), "not an array at all");
        return count;
    }

    public async Task StartStatusAsync()
    {
        Status = Track(FormatsProcess.StartCommand(["status", "--queue", Broker.Url, "--queue-name", Queue, "--listen", "http://127.0.0.1:0",
            "--lost-after", LostAfterBeats.ToString(CultureInfo.InvariantCulture)]));
        await Status.WaitForLineAsync(l => Listening().IsMatch(l), "the status app listening");
        Url = Listening().Match(Status.Lines.First(l => Listening().IsMatch(l))).Groups[1].Value;
        await Status.WaitForLineAsync(l => l.Contains("status: watching queue", StringComparison.Ordinal), "the status app watching");
    }

    public async Task<FormatsProcess> StartWorkerAsync(params string[] extra)
    {
        var worker = Track(FormatsProcess.StartCommand(["worker", "--queue", Broker.Url, "--queue-name", Queue, "--allow", Dir.Path, "--parallel", "1", .. extra],
            new Dictionary<string, string>
            {
                ["FORMATS_Formats__Queue__RetrySeconds"] = "1",
                ["FORMATS_Formats__Queue__HeartbeatSeconds"] = HeartbeatSeconds.ToString(CultureInfo.InvariantCulture),
            }));
        await worker.WaitForLineAsync(l => l.Contains("consuming", StringComparison.Ordinal), "the worker consuming");
        return worker;
    }

    /// <summary>The id a worker's heartbeats carry: host:pid.</summary>
    public static string WorkerId(FormatsProcess worker) => $"{Environment.MachineName}:{worker.Id}";

    /// <summary>Submits every file in the inbox and waits for all to end; returns submit's exit code and log.</summary>
    public async Task<(int Code, string Log)> SubmitAllAsync()
    {
        using var submit = FormatsProcess.StartCommand(["submit", "--queue", Broker.Url, "--queue-name", Queue, Inbox, "--to", "npz", "--outbox", Outbox, "--wait"]);
        var code = await submit.WaitForExitAsync();
        return (code, submit.Log);
    }

    /// <summary>Everything the fleet's processes printed, for failure messages.</summary>
    public string Logs => string.Join("\n----\n", processes.Select(p => p.Log));

    public async ValueTask DisposeAsync()
    {
        foreach (var p in processes)
        {
            p.Dispose();
        }

        await Broker.DeleteAsync(Queue);
        Dir.Dispose();
    }

    private FormatsProcess Track(FormatsProcess process)
    {
        processes.Add(process);
        return process;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
