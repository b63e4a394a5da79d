using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Formats.Hosting.Status;

/// <summary>Ready while the status app is connected to the broker and can read the queue.</summary>
internal sealed class BrokerHealthCheck(FleetMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queue = monitor.Current.Queue;
        return Task.FromResult(queue.BrokerReachable
            ? HealthCheckResult.Healthy($"broker reachable, queue {queue.Name} depth {queue.Depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}")
            : HealthCheckResult.Unhealthy(queue.Problem ?? "broker not reachable"));
    }
}

/// <summary>Ready while at least one worker beats.</summary>
internal sealed class LiveWorkerHealthCheck(FleetMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var totals = monitor.Current.Totals;
        return Task.FromResult(totals.WorkersAlive > 0
            ? HealthCheckResult.Healthy($"{totals.WorkersAlive} live worker(s), {totals.WorkersLost} lost")
            : HealthCheckResult.Unhealthy($"no live worker ({totals.WorkersLost} lost)"));
    }
}
