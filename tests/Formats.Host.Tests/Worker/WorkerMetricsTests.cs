using System.Diagnostics.Metrics;
using Formats.Host.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Tests.Worker;

/// <summary>The worker's instruments are on the meter <c>Formats.Worker</c>, which any listener (dotnet-counters, OpenTelemetry) sees.</summary>
public sealed class WorkerMetricsTests
{
    [Fact]
    public void ConversionsAndFailuresAreMeasuredOnTheFormatsWorkerMeter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new WorkerMetrics(services.GetRequiredService<IMeterFactory>());
        var seen = new List<(string Name, double Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkerMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Outcome(tags))));
        listener.Start();

        metrics.Started();
        metrics.Converted(new ConversionOutcome("out/a.npz", 1000, 300, TimeSpan.FromSeconds(0.25)));
        metrics.Started();
        metrics.Failed(TimeSpan.FromSeconds(0.5));

        Assert.Equal(
            [
                ("formats.worker.files.in_flight", 1, null), ("formats.worker.files.in_flight", -1, null),
                ("formats.worker.files.converted", 1, null), ("formats.worker.bytes.read", 1000, null),
                ("formats.worker.bytes.written", 300, null), ("formats.worker.conversion.duration", 0.25, "converted"),
                ("formats.worker.files.in_flight", 1, null), ("formats.worker.files.in_flight", -1, null),
                ("formats.worker.files.failed", 1, null), ("formats.worker.conversion.duration", 0.5, "failed"),
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
