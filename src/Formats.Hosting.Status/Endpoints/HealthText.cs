using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Formats.Hosting.Status;

/// <summary>A health report as plain text: the overall status, then one line per check with its description.</summary>
internal static class HealthText
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var text = new StringBuilder();
        text.Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status).Append(" - ").Append(entry.Description?.ReplaceLineEndings(" ")).Append('\n');
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(text.ToString(), http.RequestAborted);
    }
}
