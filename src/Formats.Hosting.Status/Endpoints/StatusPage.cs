using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Formats.Hosting.Status;

/// <summary>The page's files, embedded in this assembly: no CDN, nothing fetched from elsewhere.</summary>
internal static class StatusPage
{
    private static readonly ConcurrentDictionary<string, byte[]> Files = new(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        var bytes = Files.GetOrAdd(name, Load);
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/html; charset=utf-8",
        };
        return Results.Bytes(bytes, type);
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream("Formats.Hosting.Status.Page." + name)
            ?? throw new InvalidOperationException($"the status page's {name} is not embedded in {typeof(StatusPage).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
