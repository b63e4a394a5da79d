using System.Diagnostics.Metrics;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.Tests.Folder;

/// <summary>The worker's instruments are on the meter <c>Formats.Worker</c>, which any listener (dotnet-counters, OpenTelemetry) sees.</summary>
public sealed class FolderWorkerMetricsTests
{
    [Fact]
    public async Task ConversionsAndFailuresAreMeasuredOnTheFormatsWorkerMeter()
    {
        using var dir = new TempDir();
        var options = new FolderWorkerOptions
        {
            Inbox = Directory.CreateDirectory(dir.File("in")).FullName,
            Outbox = Directory.CreateDirectory(dir.File("out")).FullName,
            SettleSeconds = 0,
            Parallel = 1,
            WorkerId = "m",
        };
        var npy = NpyFile.Int32s(4);
        File.WriteAllBytes(dir.File("in/a.npy"), npy);
        File.WriteAllText(dir.File("in/b.npy"), "not an array");
        File.SetLastWriteTimeUtc(dir.File("in/b.npy"), DateTime.UtcNow.AddMinutes(1)); // converted second (oldest first)
        using var services = new ServiceCollection().AddMetrics().AddArrayFormats().BuildServiceProvider();
        var seen = new List<(string Name, double Value, string? Outcome)>();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This worker's meter (its scope is the factory): other tests' workers measure on meters of the same name.
            if (instrument.Meter.Name == FolderWorker.MeterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, i.Name.EndsWith("duration", StringComparison.Ordinal) ? 0 : v, Outcome(tags))));
        listener.Start();
        using var worker = new FolderWorker(services.GetRequiredService<ArrayFiles>(), Options.Create(options), NullLogger<FolderWorker>.Instance,
            meters: meters);

        var result = await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new FolderWorkerResult(1, 1), result);
        var written = new FileInfo(dir.File("out/a.npz")).Length;
        Assert.Equal(
            [
                ("formats.worker.files.in_flight", 1, null), ("formats.worker.files.in_flight", -1, null),
                ("formats.worker.files.converted", 1, null), ("formats.worker.bytes.read", npy.Length, null),
                ("formats.worker.bytes.written", written, null), ("formats.worker.conversion.duration", 0, "converted"),
                ("formats.worker.files.in_flight", 1, null), ("formats.worker.files.in_flight", -1, null),
                ("formats.worker.files.failed", 1, null), ("formats.worker.conversion.duration", 0, "failed"),
            ],
            seen);
    }

    private static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == "outcome")
            {
                return (string?)value;
            }
        }

        return null;
    }
}
