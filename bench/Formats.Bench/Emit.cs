using System.Text.Json;
using System.Text.Json.Serialization;

namespace Formats.Bench;

/// <summary>One measured (or unavailable) figure, exchanged between workers and the orchestrator as a JSON line.</summary>
internal sealed record Result
{
    [JsonPropertyName("tool")]
    public string Tool { get; init; } = "";

    [JsonPropertyName("op")]
    public string Op { get; init; } = "";

    [JsonPropertyName("case")]
    public string Case { get; init; } = "";

    [JsonPropertyName("times")]
    public List<double>? Times { get; init; }

    [JsonPropertyName("warmup")]
    public List<double>? Warmup { get; init; }

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    [JsonPropertyName("file_bytes")]
    public long? FileBytes { get; init; }

    [JsonPropertyName("api")]
    public string? Api { get; init; }

    /// <summary>A computed value to cross-check between tools (e.g. a column sum).</summary>
    [JsonPropertyName("value")]
    public double? Value { get; init; }

    /// <summary>Peak resident set size (KiB) of each timed whole-process run, as <c>/usr/bin/time -f %M</c> reports it.</summary>
    [JsonPropertyName("peak_rss_kib")]
    public List<long>? PeakRssKiB { get; init; }

    /// <summary>Why the tool has no figure here (operation not offered, format not registered, failure).</summary>
    [JsonPropertyName("unavailable")]
    public string? Unavailable { get; init; }

    [JsonIgnore]
    public double Median => Stats.Median(Times!);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Result))]
internal sealed partial class ResultJson : JsonSerializerContext;

/// <summary>Writes results to stdout, one JSON object per line.</summary>
internal static class Emit
{
    public static void Write(Result result) => Console.Out.WriteLine(JsonSerializer.Serialize(result, ResultJson.Default.Result));

    public static void Write(string tool, string op, string @case, Timings t, long bytes, string api, long? fileBytes = null) =>
        Write(new Result { Tool = tool, Op = op, Case = @case, Times = t.Times, Warmup = t.Warmup, Bytes = bytes, FileBytes = fileBytes, Api = api });

    public static void Unavailable(string tool, string op, string @case, string why, string? api = null) =>
        Write(new Result { Tool = tool, Op = op, Case = @case, Unavailable = why, Api = api });

    public static Result? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, ResultJson.Default.Result);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Log(string tool, string message) => Console.Error.WriteLine($"  [{tool}] {message}");
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
