using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Formats.Testing;

namespace Formats.Host.Tests.Queue;

/// <summary>
/// Real <c>formats worker --queue</c> processes against the real broker (one collection with the status tests: they
/// run one after the other, because one of them stops the broker). Outputs are checked by NumPy, one python call per test.
/// </summary>
[Collection("the broker")]
public sealed partial class QueueWorkerTests
{
    [BrokerFact]
    public async Task ThreeWorkersShare300JobsAndCommitEachOutputOnce()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 300, elements: 256);
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var workers = StartWorkers(3, queue, dir.Path, parallel: 2);
        try
        {
            var submit = Submit(queue, inbox, outbox, "--wait");
            Assert.True(await submit.WaitForExitAsync() == 0, submit.Log);
            Assert.Contains("300 converted, 0 dead-lettered", submit.Log, StringComparison.Ordinal);
            foreach (var w in workers)
            {
                Assert.Equal(0, await w.TerminateAsync());
            }

            var commits = workers.SelectMany(w => Commits(w.Lines)).ToList();
            // Exactly once each, and every worker had a share.
            Assert.Equal(300, commits.Count);
            Assert.Equal(300, commits.Distinct(StringComparer.Ordinal).Count());
            Assert.All(workers, w => Assert.NotEmpty(Commits(w.Lines)));
            AssertOutputs(outbox, 300, elements: 256);
        }
        finally
        {
            Dispose(workers);
            await Broker.DeleteAsync(queue);
        }
    }

    [BrokerFact]
    public async Task JobsOfAWorkerKilledMidJobAreFinishedByTheOthers()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 150, elements: 32768);
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var workers = StartWorkers(3, queue, dir.Path, parallel: 2);
        try
        {
            var submit = Submit(queue, inbox, outbox, "--wait");
            var victim = workers[0];
            // With two jobs in hand at a time, it holds unacknowledged jobs when it dies.
            await victim.WaitForLineAsync(l => l.Contains(" committed ", StringComparison.Ordinal), "three commits", count: 3);
            victim.KillHard();
            Assert.True(await submit.WaitForExitAsync() == 0, submit.Log);
            var survivors = workers[1..];
            foreach (var w in survivors)
            {
                Assert.Equal(0, await w.TerminateAsync());
            }

            // The broker handed the dead worker's jobs to the others, marked redelivered.
            Assert.Contains(survivors.SelectMany(w => w.Lines), l => l.Contains(" committed ", StringComparison.Ordinal) && l.Contains("redelivered", StringComparison.Ordinal));
            var byOthers = survivors.SelectMany(w => Commits(w.Lines)).ToList();
            Assert.Equal(byOthers.Count, byOthers.Distinct(StringComparer.Ordinal).Count());
            AssertOutputs(outbox, 150, elements: 32768);
        }
        finally
        {
            Dispose(workers);
            await Broker.DeleteAsync(queue);
        }
    }

    [BrokerFact]
    public async Task PoisonJobsAreDeadLetteredWithTheirReason()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 2, elements: 16);
        File.WriteAllText(Path.Combine(inbox, "bad.npy"), "not an array at all");
        File.Copy(Path.Combine(inbox, "j000.npy"), Path.Combine(inbox, "gone.npy"));
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var submit = Submit(queue, inbox, outbox, "--wait", "--delivery-limit", "2");
        FormatsProcess? worker = null;
        try
        {
            await WaitAsync(() => Broker.Messages(queue) == 4, "four jobs queued", submit);
            // Vanished after it was queued (a share unmounted, a file moved): retried, then dead-lettered.
            File.Delete(Path.Combine(inbox, "gone.npy"));
            worker = StartWorkers(1, queue, dir.Path, parallel: 2, "--delivery-limit", "2")[0];

            Assert.Equal(1, await submit.WaitForExitAsync());
            Assert.Contains("2 converted, 2 dead-lettered", submit.Log, StringComparison.Ordinal);
            Assert.Contains(submit.Lines, l => l.StartsWith($"error: {Path.Combine(inbox, "bad.npy")}: not an NPY file", StringComparison.Ordinal));
            Assert.Contains(submit.Lines, l => l.StartsWith($"error: {Path.Combine(inbox, "gone.npy")}: no such file", StringComparison.Ordinal));
            Assert.Equal(0, await worker.TerminateAsync());
            Assert.Equal(2, worker.Lines.Count(l => l.Contains("back to the queue", StringComparison.Ordinal)));

            // The dead letters themselves carry the reason and the deliveries it took.
            var dead = await DeadLettersAsync(queue);
            Assert.Equal(2, dead.Count);
            var bad = Assert.Single(dead, d => d.Body.Contains("bad.npy", StringComparison.Ordinal));
            Assert.StartsWith($"{Path.Combine(inbox, "bad.npy")}: not an NPY file", bad.Reason, StringComparison.Ordinal);
            Assert.Equal(1, bad.Attempts);
            var gone = Assert.Single(dead, d => d.Body.Contains("gone.npy", StringComparison.Ordinal));
            Assert.Equal($"{Path.Combine(inbox, "gone.npy")}: no such file", gone.Reason);
            Assert.Equal(3, gone.Attempts);
            AssertOutputs(outbox, 2, elements: 16);
        }
        finally
        {
            worker?.Dispose();
            submit.Dispose();
            await Broker.DeleteAsync(queue);
        }
    }

    [BrokerFact]
    public async Task AMissingOutputFolderIsRetriedThenDeadLetteredAndNeverCreated()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 1, elements: 16);
        // A share that is not mounted: its folders are missing, and must not be created on the worker's local disk.
        var outbox = Path.Combine(dir.Path, "share", "out", "deeper");
        var worker = StartWorkers(1, queue, dir.Path, parallel: 1, "--delivery-limit", "1")[0];
        var submit = Submit(queue, inbox, outbox, "--wait", "--delivery-limit", "1");
        try
        {
            Assert.Equal(1, await submit.WaitForExitAsync());
            Assert.Contains("0 converted, 1 dead-lettered", submit.Log, StringComparison.Ordinal);
            Assert.Contains(submit.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains(outbox, StringComparison.Ordinal));
            Assert.Equal(0, await worker.TerminateAsync());
            // Retried once as transient (delivery 1 of 2), then dead-lettered with its reason at the second.
            Assert.Single(worker.Lines, l => l.Contains("back to the queue", StringComparison.Ordinal));
            var dead = Assert.Single(await DeadLettersAsync(queue));
            Assert.Equal(2, dead.Attempts);
            Assert.Contains(outbox, dead.Reason, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "share")), "the missing output folder was created");
        }
        finally
        {
            worker.Dispose();
            submit.Dispose();
            await Broker.DeleteAsync(queue);
        }
    }

    [BrokerFact]
    public async Task JobsNamingPathsOutsideTheAllowedRootsAreDeadLetteredAtOnceAndTouchNothing()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var allowed = MakeInputs(dir, 1, elements: 16); // in/j000.npy
        var outbox = Directory.CreateDirectory(Path.Combine(allowed, "out")).FullName;
        var outside = Directory.CreateDirectory(dir.File("outside")).FullName;
        var secret = Path.Combine(outside, "secret.npy");
        File.Copy(Path.Combine(allowed, "j000.npy"), secret);
        var precious = Path.Combine(outside, "precious.npz");
        File.WriteAllText(precious, "keep me");
        File.CreateSymbolicLink(Path.Combine(allowed, "link.npy"), secret);
        var fifo = Path.Combine(allowed, "pipe.npy");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        Directory.CreateSymbolicLink(Path.Combine(allowed, "escape"), outside);
        var worker = StartWorkers(1, queue, allowed, parallel: 1)[0];
        try
        {
            await worker.WaitForLineAsync(l => l.Contains("consuming", StringComparison.Ordinal), "consuming");
            // What anyone who may publish could send, written by hand as submit would not ('..' kept, links named).
            var jobs = new (string Id, string Input, string Output)[]
            {
                ("read-outside", secret, Path.Combine(outbox, "a.npz")),
                ("read-dotdot", allowed + "/../outside/secret.npy", Path.Combine(outbox, "b.npz")),
                ("read-link", Path.Combine(allowed, "link.npy"), Path.Combine(outbox, "c.npz")),
                ("write-outside", Path.Combine(allowed, "j000.npy"), precious),
                ("write-link-folder", Path.Combine(allowed, "j000.npy"), Path.Combine(allowed, "escape", "precious.npz")),
                ("fifo", fifo, Path.Combine(outbox, "pipe.npz")),
                ("fine", Path.Combine(allowed, "j000.npy"), Path.Combine(outbox, "j000.npz")),
            };
            await PublishRawAsync(queue, jobs.Select(j => (j.Id, $$$"""{"id":"{{{j.Id}}}","batch":"b","input":"{{{j.Input}}}","output":"{{{j.Output}}}","write":{"format":"npz"}}""")));
            await WaitAsync(() => Broker.Messages(queue) == 0 && Broker.Messages(queue + ".dead") == 6, "six dead letters", worker);
            Assert.Equal(0, await worker.TerminateAsync());

            var dead = await DeadLettersAsync(queue);
            Assert.Equal(6, dead.Count);
            Assert.All(dead, d => Assert.Equal(1, d.Attempts)); // at once, never retried
            Assert.Equal(5, dead.Count(d => d.Reason.Contains("is outside the folders this worker may use", StringComparison.Ordinal)));
            // A FIFO inside the root is refused unopened: reading it would hold the worker's one slot forever.
            Assert.Single(dead, d => d.Reason == $"{fifo} is a FIFO, not a regular file: jobs read regular files only");
            Assert.DoesNotContain(worker.Lines, l => l.Contains("back to the queue", StringComparison.Ordinal));
            Assert.Equal("keep me", File.ReadAllText(precious));
            Assert.Equal(["precious.npz", "secret.npy"], Directory.GetFiles(outside).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            AssertOutputs(outbox, 1, elements: 16);
        }
        finally
        {
            worker.Dispose();
            await Broker.DeleteAsync(queue);
        }
    }

    [Fact]
    public void AQueueWorkerWithoutAllowedRootsRefusesToStart()
    {
        var (code, log) = FormatsProcess.Run(["--queue", "amqp://localhost:1", "--queue-name", "q"]);

        Assert.Equal(1, code);
        Assert.Contains("error: invalid configuration: Formats:Queue:AllowedRoots must name at least one folder jobs may read and write (--allow DIR)", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task WorkersFinishEveryJobWhenTheBrokerIsStoppedAndStartedMidRun()
    {
        using var dir = new TempDir();
        var queue = Broker.NewQueueName();
        var inbox = MakeInputs(dir, 100, elements: 4096);
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var late = Path.Combine(dir.Path, "late.npy");
        File.Copy(Path.Combine(inbox, "j000.npy"), late);
        // First in the queue: a job whose input is not there yet, so a worker holds it through the outage.
        var first = Submit(queue, late, outbox);
        Assert.True(await first.WaitForExitAsync() == 0, first.Log);
        File.Delete(late);
        var rest = Submit(queue, inbox, outbox);
        Assert.True(await rest.WaitForExitAsync() == 0, rest.Log);
        var environment = new Dictionary<string, string> { ["FORMATS_Formats__Queue__RetrySeconds"] = "4" };
        var workers = StartWorkers(2, queue, dir.Path, parallel: 2, environment);
        var stopped = false;
        try
        {
            await WaitAsync(() => workers.Any(w => w.Lines.Any(l => l.Contains("back to the queue", StringComparison.Ordinal))), "the late job held for a retry");
            Assert.Equal(0, Broker.Ctl("stop_app").Code);
            stopped = true;
            foreach (var w in workers)
            {
                await w.WaitForLineAsync(l => l.Contains("lost", StringComparison.Ordinal) && l.Contains("waiting for the broker", StringComparison.Ordinal), "connection lost");
            }

            File.Copy(Path.Combine(inbox, "j000.npy"), late);
            Assert.Equal(0, Broker.Ctl("start_app").Code);
            stopped = false;
            foreach (var w in workers)
            {
                await w.WaitForLineAsync(l => l.Contains("reconnected", StringComparison.Ordinal), "reconnected");
            }

            await WaitAsync(() => Directory.GetFiles(outbox).Length == 101 && Broker.Messages(queue) == 0, "every output committed and the queue empty");
            foreach (var w in workers)
            {
                Assert.Equal(0, await w.TerminateAsync());
            }

            // The delivery held through the outage was not acknowledged on the new connection.
            Assert.Contains(workers.SelectMany(w => w.Lines), l => l.Contains("predates a reconnect", StringComparison.Ordinal));
            AssertOutputs(outbox, 100, elements: 4096, extra: "late.npz");
        }
        finally
        {
            if (stopped)
            {
                Broker.Ctl("start_app");
            }

            Dispose(workers);
            await Broker.DeleteAsync(queue);
        }
    }

    private static string MakeInputs(TempDir dir, int count, int elements)
    {
        var inbox = Directory.CreateDirectory(dir.File("in")).FullName;
        NumPy.Run($"for i in range({count}): np.save(f'in/j{{i:03}}.npy', (np.arange({elements}, dtype='<f8') * 0.5 + i).reshape(-1, 8))\n", dir.Path);
        return inbox;
    }

    // Every output holds its input's array, and the folder holds nothing else (no temporary or partial file).
    private static void AssertOutputs(string outbox, int count, int elements, string? extra = null)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"names = sorted(os.listdir({PyStr(outbox)}))\n");
        script.Append(CultureInfo.InvariantCulture, $"want = sorted([f'j{{i:03}}.npz' for i in range({count})] + ({(extra is null ? "[]" : $"[{PyStr(extra)}]")}))\n");
        script.Append("assert names == want, (len(names), [n for n in names if n not in want][:5], [n for n in want if n not in names][:5])\n");
        script.Append(CultureInfo.InvariantCulture, $"for i in range({count}):\n");
        script.Append(CultureInfo.InvariantCulture, $"    with np.load(os.path.join({PyStr(outbox)}, f'j{{i:03}}.npz')) as z:\n");
        script.Append("        assert len(z.files) == 1, z.files\n");
        script.Append(CultureInfo.InvariantCulture, $"        assert np.array_equal(z[z.files[0]], (np.arange({elements}, dtype='<f8') * 0.5 + i).reshape(-1, 8)), i\n");
        script.Append("print('ok', len(names))\n");
        Assert.Equal($"ok {count + (extra is null ? 0 : 1)}", NumPy.Run(script.ToString(), outbox).Trim());
    }

    private static string PyStr(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    // Jobs may use the test's own folder only (--allow).
    private static FormatsProcess[] StartWorkers(int count, string queue, string allow, int parallel, params string[] extra) =>
        StartWorkers(count, queue, allow, parallel, new Dictionary<string, string>(), extra);

    private static FormatsProcess[] StartWorkers(int count, string queue, string allow, int parallel, Dictionary<string, string> environment, params string[] extra)
    {
        environment.TryAdd("FORMATS_Formats__Queue__RetrySeconds", "1");
        return [.. Enumerable.Range(0, count).Select(_ => FormatsProcess.StartCommand(
            ["worker", "--queue", Broker.Url, "--queue-name", queue, "--allow", allow, "--parallel", parallel.ToString(CultureInfo.InvariantCulture), .. extra], environment))];
    }

    private static FormatsProcess Submit(string queue, string input, string outbox, params string[] extra) =>
        FormatsProcess.StartCommand(["submit", "--queue", Broker.Url, "--queue-name", queue, input, "--to", "npz", "--compress", "--outbox", outbox, .. extra]);

    private static async Task PublishRawAsync(string queue, IEnumerable<(string Id, string Body)> jobs)
    {
        await using var connection = await Broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new RabbitMQ.Client.CreateChannelOptions(true, true));
        foreach (var (id, body) in jobs)
        {
            await channel.BasicPublishAsync("", queue, mandatory: true, new RabbitMQ.Client.BasicProperties { MessageId = id, Persistent = true }, Encoding.UTF8.GetBytes(body));
        }
    }

    private static IEnumerable<string> Commits(IEnumerable<string> lines) =>
        lines.Select(l => CommitLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);

    private static async Task WaitAsync(Func<bool> condition, string what, FormatsProcess? process = null, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for {what}{(process is null ? "" : "; log:\n" + process.Log)}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<(string Body, string Reason, long Attempts)>> DeadLettersAsync(string queue)
    {
        await using var connection = await Broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var letters = new List<(string, string, long)>();
        while (await channel.BasicGetAsync(queue + ".dead", autoAck: true) is { } message)
        {
            var headers = message.BasicProperties.Headers!;
            letters.Add((Encoding.UTF8.GetString(message.Body.Span), Encoding.UTF8.GetString((byte[])headers["x-formats-reason"]!),
                Convert.ToInt64(headers["x-formats-attempts"], CultureInfo.InvariantCulture)));
        }

        return letters;
    }

    private static void Dispose(IEnumerable<FormatsProcess> processes)
    {
        foreach (var p in processes)
        {
            p.Dispose();
        }
    }

    [GeneratedRegex(@" committed (\S+) \(")]
    private static partial Regex CommitLine();
}
