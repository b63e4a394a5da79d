using Formats.Hosting.RabbitMQ;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Formats.Hosting.Status;

/// <summary>
/// One worker's own <c>/metrics</c> (the instruments of the meter <see cref="FolderWorker.MeterName"/>, Prometheus
/// text) and <c>/healthz</c> (its folder and queue workers are running), for an app that runs workers and serves HTTP.
/// </summary>
public static class WorkerEndpoints
{
    /// <summary>Registers the metrics exporter and the health check <c>worker</c> (the app's <see cref="FolderWorker"/> and <see cref="QueueWorker"/>, whichever it has).</summary>
    public static IServiceCollection AddFormatsWorkerEndpoints(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(WorkerMeterExport)))
        {
            return services;
        }

        services.AddSingleton<WorkerMeterExport>();
        // A hosted service only to be made when the host starts, before any worker runs: a measurement taken before
        // the meter listener exists is never seen.
        services.AddHostedService(sp => sp.GetRequiredService<WorkerMeterExport>());
        services.AddHealthChecks().AddCheck<WorkerHealthCheck>("worker", tags: [FleetStatusEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/metrics</c>, <c>/healthz</c>, <c>/healthz/live</c> and <c>/healthz/ready</c> under <paramref name="prefix"/>.</summary>
    public static RouteGroupBuilder MapFormatsWorkerEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/metrics", (HttpContext http, WorkerMeterExport export) => PrometheusText.WriteAsync(http, export.Registry));
        FleetStatusEndpoints.MapHealth(group, "/healthz", _ => true);
        FleetStatusEndpoints.MapHealth(group, "/healthz/live", _ => false);
        FleetStatusEndpoints.MapHealth(group, "/healthz/ready", c => c.Tags.Contains(FleetStatusEndpoints.ReadyTag));
        return group;
    }
}

/// <summary>Healthy while every worker the app has is running (its background task has not ended).</summary>
internal sealed class WorkerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var workers = new (string Kind, BackgroundService? Service, WorkerActivity? Activity)[]
        {
            ("folder", services.GetService<FolderWorker>(), services.GetService<FolderWorker>()?.Activity),
            ("queue", services.GetService<QueueWorker>(), services.GetService<QueueWorker>()?.Activity),
        }.Where(w => w.Service is not null).ToList();
        if (workers.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no worker in this app"));
        }

        var stopped = workers.Where(w => w.Service!.ExecuteTask is { IsCompleted: true }).ToList();
        return Task.FromResult(stopped.Count == 0
            ? HealthCheckResult.Healthy(string.Join(", ", workers.Select(w => $"{w.Kind} worker running: {w.Activity!.Converted} converted, {w.Activity.Failed} failed")))
            : HealthCheckResult.Unhealthy(string.Join(", ", stopped.Select(w => $"{w.Kind} worker stopped" + (w.Service!.ExecuteTask!.Exception is { } e ? ": " + e.GetBaseException().Message : "")))));
    }
}
