using System.Collections.ObjectModel;
using System.Text.Json;

namespace Formats.Host.Tests.Status;

/// <summary>
/// The status page in a real headless Chromium, against the real broker, two real workers and <c>formats status</c>
/// (docs/operations.md). The page is opened once and never reloaded: everything it shows arrives by its own polling.
/// </summary>
[Collection("the broker")]
public sealed class StatusPageTests
{
    // The page's rows as the DOM holds them at one instant: "id|kind|state".
    private const string WorkerRows = "return Array.from(document.querySelectorAll('#workers tbody tr')).map(r => r.dataset.workerId + '|' + r.dataset.kind + '|' + r.dataset.state);";
    private const string DeadRows = "return Array.from(document.querySelectorAll('#dead tbody tr')).map(r => r.textContent);";

    [BrowserFact]
    public async Task ThePageShowsTheFleetItsDeadLetterAndAWorkerKilledWithSigkillAsLostWithoutAReload()
    {
        await using var fleet = new StatusFleet();
        var good = fleet.MakeInputs(12, elements: 65536);
        await fleet.StartStatusAsync();
        var workers = new[] { await fleet.StartWorkerAsync(), await fleet.StartWorkerAsync() };
        var ids = workers.Select(StatusFleet.WorkerId).ToArray();
        using var browser = Browser.Start();
        browser.Open(fleet.Url + "/");
        browser.Run("window.formatsTestMark = 'no reload';");

        // Both workers alive, by the heartbeats they publish.
        await UntilAsync(() => Rows(browser).Count(r => r.EndsWith("|queue|alive", StringComparison.Ordinal) && ids.Any(r.StartsWith)) == 2, "both workers alive on the page", fleet);

        var (code, log) = await fleet.SubmitAllAsync();
        Assert.True(code == 1, log); // 1: one job was dead-lettered
        Assert.Contains($"{good} converted, 1 dead-lettered", log, StringComparison.Ordinal);

        // The converted count reaches the good jobs; the malformed one is listed dead with its reason.
        await UntilAsync(() => browser.Text("converted") == good.ToString(System.Globalization.CultureInfo.InvariantCulture), $"converted {good} on the page", fleet);
        await UntilAsync(() => browser.Text("dead-lettered") == "1", "one dead letter counted on the page", fleet);
        var dead = Assert.Single(DeadLetterRows(browser));
        Assert.Contains(Path.Combine(fleet.Inbox, "bad.npy"), dead, StringComparison.Ordinal);
        Assert.Contains("not an NPY file", dead, StringComparison.Ordinal);
        Assert.Equal("1", browser.Text("failed"));

        // SIGKILL: no last word from the worker; the page marks it lost once it has missed the stated beats.
        workers[0].KillHard();
        await UntilAsync(() => Rows(browser).Contains($"{ids[0]}|queue|lost"), $"{ids[0]} lost on the page", fleet);
        Assert.Contains($"{ids[1]}|queue|alive", Rows(browser));
        Assert.Equal("1", browser.Text("lost"));
        // The same document all along: a reload would have dropped the mark.
        Assert.Equal("no reload", browser.Run("return window.formatsTestMark;"));

        // What the page showed is what /api/status says: lost after more than LostAfterBeats heartbeats of silence.
        using var http = new HttpClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync(fleet.Url + "/api/status"));
        var lost = status.RootElement.GetProperty("workers").EnumerateArray().Single(w => w.GetProperty("status").GetProperty("id").GetString() == ids[0]);
        Assert.Equal("lost", lost.GetProperty("state").GetString());
        Assert.True(lost.GetProperty("secondsSinceBeat").GetDouble() > StatusFleet.LostAfterBeats * StatusFleet.HeartbeatSeconds);
        Assert.Equal(good, status.RootElement.GetProperty("totals").GetProperty("converted").GetInt64());

        var shot = Path.Combine(ScreenshotFolder(), "status-page.png");
        browser.Screenshot(shot);
        Assert.True(new FileInfo(shot).Length > 10_000, shot);
    }

    // Screenshots go where FORMATS_TEST_SCREENSHOTS says (CI keeps them), else beside the test assembly.
    private static string ScreenshotFolder() =>
        Directory.CreateDirectory(Environment.GetEnvironmentVariable("FORMATS_TEST_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private static List<string> Rows(Browser browser) => Strings(browser.Run(WorkerRows));

    private static List<string> DeadLetterRows(Browser browser) => Strings(browser.Run(DeadRows));

    private static List<string> Strings(object? value) => value is ReadOnlyCollection<object> list ? [.. list.Select(o => o?.ToString() ?? "")] : [];

    private static async Task UntilAsync(Func<bool> condition, string what, StatusFleet fleet, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for {what}; logs:\n{fleet.Logs}");
            }

            await Task.Delay(200);
        }
    }
}
