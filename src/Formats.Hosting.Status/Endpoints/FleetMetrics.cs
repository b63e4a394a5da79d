using Prometheus;

namespace Formats.Hosting.Status;

/// <summary>
/// The fleet's Prometheus metrics (names in docs/operations.md), set from <see cref="FleetMonitor.Current"/> at each
/// scrape: the broker's queue counts, each worker's liveness and its own totals from its last heartbeat.
/// </summary>
internal sealed class FleetMetrics
{
    private readonly FleetMonitor monitor;
    private readonly HashSet<(string Worker, string Kind, string Host, string Version)> labelled = [];
    private readonly Lock gate = new();
    private readonly Gauge brokerUp;
    private readonly Gauge depth;
    private readonly Gauge consumers;
    private readonly Gauge deadLetters;
    private readonly Gauge oldest;
    private readonly Gauge workers;
    private readonly Gauge workerUp;
    private readonly Gauge inFlight;
    private readonly Gauge converted;
    private readonly Gauge failed;
    private readonly Gauge bytesRead;
    private readonly Gauge bytesWritten;
    private readonly Gauge conversion;

    public FleetMetrics(FleetMonitor monitor)
    {
        this.monitor = monitor;
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        string[] worker = ["queue", "worker", "kind", "host", "version"];
        brokerUp = f.CreateGauge("formats_broker_up", "1 while the status app is connected to the broker", "queue");
        depth = f.CreateGauge("formats_queue_depth", "Jobs waiting in the queue (ready), from the broker", "queue");
        consumers = f.CreateGauge("formats_queue_consumers", "Consumers of the queue, from the broker", "queue");
        deadLetters = f.CreateGauge("formats_queue_dead_letters", "Jobs in the dead-letter queue, from the broker", "queue");
        oldest = f.CreateGauge("formats_queue_oldest_job_seconds", "Estimated age of the oldest waiting job (an upper bound; 0 when the queue is empty)", "queue");
        workers = f.CreateGauge("formats_workers", "Workers by state (alive, lost, stopped)", "queue", "state");
        workerUp = f.CreateGauge("formats_worker_up", "1 while the worker beats, 0 once lost or stopped", worker);
        inFlight = f.CreateGauge("formats_worker_jobs_in_flight", "Jobs the worker is converting now", worker);
        // Gauges, not counters: they are the workers' own running totals, copied from heartbeats (a restarted worker is a new id).
        converted = f.CreateGauge("formats_worker_converted", "Jobs the worker converted since it started", worker);
        failed = f.CreateGauge("formats_worker_failed", "Jobs the worker gave up on since it started", worker);
        bytesRead = f.CreateGauge("formats_worker_read_bytes", "Input bytes of jobs the worker converted", worker);
        bytesWritten = f.CreateGauge("formats_worker_written_bytes", "Output bytes of jobs the worker converted", worker);
        conversion = f.CreateGauge("formats_conversion_seconds", "Conversion time quantiles over the status app's history", "queue", "quantile");
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var s = monitor.Current;
        var q = s.Queue.Name;
        lock (gate)
        {
            brokerUp.WithLabels(q).Set(s.Queue.BrokerReachable ? 1 : 0);
            Set(depth, q, s.Queue.Depth);
            Set(consumers, q, s.Queue.Consumers);
            Set(deadLetters, q, s.Queue.DeadLetters);
            Set(oldest, q, s.Queue.OldestJobSeconds);
            foreach (var state in new[] { "alive", "lost", "stopped" })
            {
                workers.WithLabels(q, state).Set(s.Workers.Count(w => w.State == state));
            }

            var seen = new HashSet<(string, string, string, string)>();
            foreach (var w in s.Workers)
            {
                var key = (w.Status.Id, w.Status.Kind, w.Status.Host, w.Status.Version);
                seen.Add(key);
                string[] labels = [q, key.Id, key.Kind, key.Host, key.Version];
                workerUp.WithLabels(labels).Set(w.State == "alive" ? 1 : 0);
                inFlight.WithLabels(labels).Set(w.State == "alive" ? w.Status.Jobs.Count : 0);
                converted.WithLabels(labels).Set(w.Status.Converted);
                failed.WithLabels(labels).Set(w.Status.Failed);
                bytesRead.WithLabels(labels).Set(w.Status.BytesRead);
                bytesWritten.WithLabels(labels).Set(w.Status.BytesWritten);
            }

            // Forgotten workers leave the exposition with their series.
            foreach (var gone in labelled.Where(k => !seen.Contains(k)).ToList())
            {
                string[] labels = [q, gone.Worker, gone.Kind, gone.Host, gone.Version];
                foreach (var g in new[] { workerUp, inFlight, converted, failed, bytesRead, bytesWritten })
                {
                    g.RemoveLabelled(labels);
                }

                labelled.Remove(gone);
            }

            labelled.UnionWith(seen);
            Set(conversion.WithLabels(q, "0.5"), s.Rates.P50Seconds);
            Set(conversion.WithLabels(q, "0.95"), s.Rates.P95Seconds);
        }
    }

    private static void Set(Gauge gauge, string queue, double? value) => Set(gauge.WithLabels(queue), value);

    private static void Set(Gauge.Child gauge, double? value)
    {
        if (value is { } v)
        {
            gauge.Set(v);
        }
        else
        {
            gauge.Set(double.NaN);
        }
    }
}
