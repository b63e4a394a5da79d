using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Formats.Hosting.Status;

/// <summary>
/// The fleet status app in any ASP.NET Core application: <see cref="AddFormatsFleetStatus"/> registers the
/// <see cref="FleetMonitor"/> and its health checks, <see cref="MapFormatsFleetStatus"/> maps the page and its
/// endpoints (<c>formats status</c> is these two calls).
/// </summary>
public static class FleetStatusEndpoints
{
    /// <summary>The health checks' tag for readiness (broker reachable, a live worker).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the monitor (a hosted service), its metrics and the health checks <c>broker</c> and <c>workers</c>.</summary>
    public static IServiceCollection AddFormatsFleetStatus(this IServiceCollection services, Action<FleetStatusOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FleetStatusOptions>().Configure(configure)
            .Validate(o => Uri.TryCreate(o.Broker, UriKind.Absolute, out var u) && u.Scheme is "amqp" or "amqps", "the broker must be an amqp://HOST[:PORT]/VHOST URL")
            .Validate(o => o.LostAfterBeats >= 1, "LostAfterBeats must be at least 1")
            .ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(FleetMonitor)))
        {
            return services;
        }

        services.TryAddSingleton<FleetMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetMonitor>());
        services.TryAddSingleton<FleetMetrics>();
        services.AddHealthChecks()
            .AddCheck<BrokerHealthCheck>("broker", tags: [ReadyTag])
            .AddCheck<LiveWorkerHealthCheck>("workers", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>/</c> the page (with <c>/status.js</c> and <c>/status.css</c>),
    /// <c>/api/status</c> the <see cref="FleetStatus"/> as JSON, <c>/metrics</c> Prometheus text, <c>/healthz</c> every
    /// check, <c>/healthz/live</c> the app itself, <c>/healthz/ready</c> broker and workers.
    /// </summary>
    public static RouteGroupBuilder MapFormatsFleetStatus(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", () => StatusPage.Serve("index.html"));
        group.MapGet("/status.js", () => StatusPage.Serve("status.js"));
        group.MapGet("/status.css", () => StatusPage.Serve("status.css"));
        group.MapGet("/api/status", async (HttpContext http, FleetMonitor monitor) =>
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            await JsonSerializer.SerializeAsync(http.Response.Body, monitor.Current, StatusJson.Default.FleetStatus, http.RequestAborted);
        });
        group.MapGet("/metrics", (HttpContext http, FleetMetrics metrics) => PrometheusText.WriteAsync(http, metrics.Registry));
        MapHealth(group, "/healthz", _ => true);
        MapHealth(group, "/healthz/live", _ => false);
        MapHealth(group, "/healthz/ready", c => c.Tags.Contains(ReadyTag));
        return group;
    }

    internal static void MapHealth(IEndpointRouteBuilder group, string path, Func<HealthCheckRegistration, bool> predicate) =>
        group.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate, ResponseWriter = HealthText.WriteAsync });
}
