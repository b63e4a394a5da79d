using System.Diagnostics.Metrics;

namespace Formats.Hosting;

/// <summary>
/// The worker's instruments on the meter <c>Formats.Worker</c>, which <c>dotnet-counters monitor --counters Formats.Worker</c>
/// and OpenTelemetry's <c>AddMeter("Formats.Worker")</c> read without code changes.
/// </summary>
internal sealed class FolderWorkerMetrics : IDisposable
{
    private readonly Meter? own;

    private readonly Counter<long> converted;
    private readonly Counter<long> failed;
    private readonly Counter<long> abandoned;
    private readonly Counter<long> bytesRead;
    private readonly Counter<long> bytesWritten;
    private readonly Histogram<double> duration;
    private readonly UpDownCounter<long> inFlight;

    // Without a meter factory (a container without AddMetrics) the worker makes its meter itself.
    public FolderWorkerMetrics(IMeterFactory? meters)
    {
        var meter = meters?.Create(FolderWorker.MeterName) ?? (own = new Meter(FolderWorker.MeterName));
        converted = meter.CreateCounter<long>("formats.worker.files.converted", "{file}", "Files converted and moved to done");
        failed = meter.CreateCounter<long>("formats.worker.files.failed", "{file}", "Files moved to failed");
        abandoned = meter.CreateCounter<long>("formats.worker.files.abandoned", "{file}", "Files handed back to the inbox unconverted at shutdown");
        bytesRead = meter.CreateCounter<long>("formats.worker.bytes.read", "By", "Input bytes of converted files");
        bytesWritten = meter.CreateCounter<long>("formats.worker.bytes.written", "By", "Output bytes of converted files");
        duration = meter.CreateHistogram<double>("formats.worker.conversion.duration", "s", "Time to convert one file, by outcome");
        inFlight = meter.CreateUpDownCounter<long>("formats.worker.files.in_flight", "{file}", "Files being converted now");
    }

    public void Started() => inFlight.Add(1);

    public void Converted(JobOutcome outcome)
    {
        inFlight.Add(-1);
        converted.Add(1);
        bytesRead.Add(outcome.BytesIn);
        bytesWritten.Add(outcome.BytesOut);
        duration.Record(outcome.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "converted"));
    }

    public void Failed(TimeSpan elapsed)
    {
        inFlight.Add(-1);
        failed.Add(1);
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"));
    }

    // A job handed back for a retry: no longer in flight, counted by neither outcome.
    public void Returned() => inFlight.Add(-1);

    public void Abandoned()
    {
        inFlight.Add(-1);
        abandoned.Add(1);
    }

    public void Dispose() => own?.Dispose();
}
