using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Formats.Hosting.Status;

/// <summary>Serves a registry in the Prometheus text exposition format (version 0.0.4).</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task WriteAsync(HttpContext http, CollectorRegistry registry)
    {
        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-store";
        // Collected into memory first: a failing collector becomes a 500, not a half-written exposition.
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, http.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
