using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Formats.Hosting.Status;

/// <summary>
/// The instruments of the meter <see cref="FolderWorker.MeterName"/> as Prometheus metrics of their own kind: a
/// counter is a counter (<c>_total</c>), a histogram a histogram, an up-down counter a gauge; names are the instrument's
/// with dots as underscores and the unit as a suffix (<c>formats.worker.conversion.duration</c> in s is
/// <c>formats_worker_conversion_duration_seconds</c>). prometheus-net's own meter adapter exports counters as gauges
/// and drops series idle for a day, which would reset an idle worker's totals.
/// </summary>
internal sealed class WorkerMeterExport : IHostedService, IDisposable
{
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Action<double, ReadOnlySpan<KeyValuePair<string, object?>>>> sinks = new();
    private readonly IMetricFactory factory;

    public WorkerMeterExport()
    {
        Registry = Metrics.NewCustomRegistry();
        factory = Metrics.WithCustomRegistry(Registry);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FolderWorker.MeterName && Sink(instrument) is { } sink)
            {
                sinks[instrument] = sink;
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The Prometheus name of an instrument.</summary>
    public static string NameOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_');
        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "By" => "bytes",
            _ => null,
        };
        if (unit is not null && !name.Contains(unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return instrument is Counter<long> or Counter<double> ? name + "_total" : name;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (sinks.TryGetValue(instrument, out var sink))
        {
            sink(value, tags);
        }
    }

    // One label per tag the worker records ("outcome" on the duration); the counters and the gauge have none.
    private Action<double, ReadOnlySpan<KeyValuePair<string, object?>>>? Sink(Instrument instrument)
    {
        var name = NameOf(instrument);
        var help = instrument.Description ?? instrument.Name;
        switch (instrument)
        {
            case Counter<long> or Counter<double>:
                var counter = factory.CreateCounter(name, help);
                return (v, _) => counter.Inc(v);
            case UpDownCounter<long> or UpDownCounter<double>:
                var gauge = factory.CreateGauge(name, help);
                return (v, _) => gauge.Inc(v);
            case Histogram<long> or Histogram<double>:
                var histogram = factory.CreateHistogram(name, help, ["outcome"], new HistogramConfiguration { Buckets = DurationBuckets });
                return (v, tags) =>
                {
                    var outcome = "";
                    foreach (var tag in tags)
                    {
                        if (tag.Key == "outcome")
                        {
                            outcome = tag.Value?.ToString() ?? "";
                        }
                    }

                    histogram.WithLabels(outcome).Observe(v);
                };
            default:
                return null;
        }
    }
}
