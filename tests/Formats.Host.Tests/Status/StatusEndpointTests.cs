using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Formats.Host.Tests.Queue;

namespace Formats.Host.Tests.Status;

/// <summary><c>/metrics</c>, <c>/healthz</c> and <c>/api/status</c> of <c>formats status</c> and <c>formats worker --listen</c>, against the real broker.</summary>
[Collection("the broker")]
public sealed partial class StatusEndpointTests
{
    [BrokerFact]
    public async Task MetricsOfTheStatusAppAndOfAWorkerParseAsPrometheusTextWithTheFleetsNumbers()
    {
        await using var fleet = new StatusFleet();
        var good = fleet.MakeInputs(5, elements: 1024);
        await fleet.StartStatusAsync();
        using var http = new HttpClient();

        // No worker yet: alive, but not ready.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(fleet.Url + "/healthz/live")).StatusCode);
        var unready = await http.GetAsync(fleet.Url + "/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.Contains("workers: Unhealthy - no live worker", await unready.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var worker = await fleet.StartWorkerAsync("--listen", "http://127.0.0.1:0");
        var workerUrl = Listening().Match(worker.Lines.First(l => Listening().IsMatch(l))).Groups[1].Value;
        var id = StatusFleet.WorkerId(worker);
        var (code, log) = await fleet.SubmitAllAsync();
        Assert.True(code == 1, log);
        // The broker's counts (a quorum queue's) trail its acknowledgements a little: waited for, like the heartbeat.
        await UntilAsync(async () => await StatusAsync(http, fleet) is var s && s.GetProperty("totals").GetProperty("converted").GetInt64() == good
            && s.GetProperty("queue") is var q && q.GetProperty("deadLetters").ValueKind == JsonValueKind.Number && q.GetProperty("deadLetters").GetInt64() == 1
            && q.GetProperty("depth").GetInt64() == 0, "the heartbeat and the broker's counts caught up", fleet);

        var ready = await http.GetAsync(fleet.Url + "/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("workers: Healthy - 1 live worker(s)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var scrape = await http.GetAsync(fleet.Url + "/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scrape.Content.Headers.ContentType?.ToString());
        var fleetMetrics = PrometheusParser.Parse(await scrape.Content.ReadAsStringAsync(), fleet.Dir);
        double Value(string family, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
            Assert.Single(fleetMetrics[family].Samples, s => where?.Invoke(s.Labels) ?? true).Value ?? double.NaN;
        Assert.All(new[] { "formats_broker_up", "formats_queue_depth", "formats_queue_consumers", "formats_queue_dead_letters", "formats_queue_oldest_job_seconds",
            "formats_workers", "formats_worker_up", "formats_worker_jobs_in_flight", "formats_worker_converted", "formats_worker_failed",
            "formats_worker_read_bytes", "formats_worker_written_bytes", "formats_conversion_seconds" }, f => Assert.Equal("gauge", fleetMetrics[f].Type));
        Assert.Equal(1, Value("formats_broker_up"));
        Assert.Equal(0, Value("formats_queue_depth"));
        Assert.Equal(1, Value("formats_queue_consumers"));
        Assert.Equal(1, Value("formats_queue_dead_letters"));
        Assert.Equal(1, Value("formats_workers", l => l["state"] == "alive"));
        Assert.Equal(1, Value("formats_worker_up", l => l["worker"] == id && l["kind"] == "queue" && l["queue"] == fleet.Queue));
        Assert.Equal(good, Value("formats_worker_converted", l => l["worker"] == id));
        Assert.Equal(1, Value("formats_worker_failed", l => l["worker"] == id));

        // The worker's own: the meter's instruments, counters as counters.
        var own = PrometheusParser.Parse(await http.GetStringAsync(workerUrl + "/metrics"), fleet.Dir);
        Assert.Equal("counter", own["formats_worker_files_converted"].Type);
        Assert.Equal(good, Assert.Single(own["formats_worker_files_converted"].Samples, s => s.Name == "formats_worker_files_converted_total").Value);
        Assert.Equal(1, Assert.Single(own["formats_worker_files_failed"].Samples, s => s.Name == "formats_worker_files_failed_total").Value);
        Assert.Equal("counter", own["formats_worker_bytes_written"].Type);
        Assert.Equal("gauge", own["formats_worker_files_in_flight"].Type);
        var duration = own["formats_worker_conversion_duration_seconds"];
        Assert.Equal("histogram", duration.Type);
        Assert.Equal(good, Assert.Single(duration.Samples, s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Labels["outcome"] == "converted").Value);
        Assert.Equal(good, Assert.Single(duration.Samples, s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels["outcome"] == "converted" && s.Labels["le"] == "+Inf").Value);
        var workerHealth = await http.GetStringAsync(workerUrl + "/healthz");
        Assert.StartsWith("Healthy\nworker: Healthy - queue worker running", workerHealth, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task ApiStatusHasExactlyTheFieldsDocumentedHere()
    {
        await using var fleet = new StatusFleet();
        fleet.MakeInputs(3, elements: 1024);
        await fleet.StartStatusAsync();
        await fleet.StartWorkerAsync();
        var (code, log) = await fleet.SubmitAllAsync();
        Assert.True(code == 1, log);
        using var http = new HttpClient();
        JsonElement status = default;
        await UntilAsync(async () => (status = await StatusAsync(http, fleet)).GetProperty("deadLetters").GetArrayLength() == 1
            && status.GetProperty("rates").GetProperty("p50Seconds").ValueKind == JsonValueKind.Number, "a dead letter and a result heard", fleet);

        var documented = DocumentedFields();
        var actual = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var emptyArrays = new List<string>();
        Flatten(status, "", actual, emptyArrays);

        // Every field in the answer is documented, with its type.
        foreach (var (path, kinds) in actual)
        {
            Assert.True(documented.TryGetValue(path, out var type), $"/api/status field {path} is not in docs/operations.md");
            Assert.All(kinds, k => Assert.True(TypeAllows(type!, k), $"{path} is {k} in the answer, documented as {type}"));
        }

        // Every documented field is in the answer (fields of an array that happened to be empty excepted: a worker's jobs).
        Assert.All(documented.Keys, path => Assert.True(actual.ContainsKey(path) || emptyArrays.Any(a => path.StartsWith(a + "[].", StringComparison.Ordinal)),
            $"docs/operations.md documents {path}, which /api/status does not have"));
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http, StatusFleet fleet)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(fleet.Url + "/api/status"));
        return doc.RootElement.Clone();
    }

    // The /api/status table of docs/operations.md: field path -> documented type.
    private static Dictionary<string, string> DocumentedFields()
    {
        var doc = File.ReadAllText(Path.Combine(Formats.Host.Tests.FormatsProcess.RepoRoot, "docs", "operations.md"));
        var section = doc[doc.IndexOf("## /api/status", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return FieldRow().Matches(section).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, HashSet<string>> fields, List<string> emptyArrays)
    {
        // An array's items are described by their fields' rows (workers[].state), not a row of their own.
        if (path.Length > 0 && !(path.EndsWith("[]", StringComparison.Ordinal) && element.ValueKind == JsonValueKind.Object))
        {
            var kind = element.ValueKind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "null",
            };
            if (!fields.TryGetValue(path, out var kinds))
            {
                fields[path] = kinds = [];
            }

            kinds.Add(kind);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Flatten(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name, fields, emptyArrays);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                emptyArrays.Add(path);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, path + "[]", fields, emptyArrays);
                }

                break;
        }
    }

    // "string or null" allows both; an object's row says "object" (its fields have rows of their own).
    private static bool TypeAllows(string documented, string kind) =>
        documented.Split(" or ").Contains(kind, StringComparer.Ordinal);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, StatusFleet fleet, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for {what}; logs:\n{fleet.Logs}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"^\| `([^`]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex FieldRow();
}
