using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Status;

/// <summary>
/// Prometheus's own text-format parser (the Python client's, Debian's python3-prometheus-client, which .ci/run
/// installs): an exposition it rejects fails the test. Families are keyed as the parser names them (a counter without
/// its <c>_total</c>).
/// </summary>
internal static class PrometheusParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double? Value);

    public sealed record Family(string Type, IReadOnlyList<Sample> Samples);

    public static IReadOnlyDictionary<string, Family> Parse(string exposition, TempDir dir)
    {
        var file = dir.File($"metrics-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, exposition);
        string json;
        try
        {
            json = NumPy.Run($$"""
                import math
                try:
                    from prometheus_client.parser import text_string_to_metric_families
                except ImportError:
                    sys.exit("prometheus_client is not installed for this python: apt-get install -y python3-prometheus-client (.ci/run does)")
                out = {}
                for f in text_string_to_metric_families(open({{JsonSerializer.Serialize(file)}}).read()):
                    out[f.name] = {'type': f.type, 'samples': [[s.name, s.labels, None if math.isnan(s.value) else s.value] for s in f.samples]}
                print(json.dumps(out))
                """, dir.Path);
        }
        finally
        {
            File.Delete(file);
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(f => f.Name, f => new Family(
            f.Value.GetProperty("type").GetString()!,
            [.. f.Value.GetProperty("samples").EnumerateArray().Select(s => new Sample(
                s[0].GetString()!,
                s[1].EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
                s[2].ValueKind == JsonValueKind.Null ? null : s[2].GetDouble()))]), StringComparer.Ordinal);
    }
}
