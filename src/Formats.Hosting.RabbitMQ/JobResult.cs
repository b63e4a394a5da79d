using System.Text.Json.Serialization;

namespace Formats.Hosting.RabbitMQ;

/// <summary>What a worker publishes on the results exchange once a job's output is committed.</summary>
/// <param name="Id">The job.</param>
/// <param name="Batch">The job's batch.</param>
/// <param name="Output">The file committed.</param>
/// <param name="Bytes">Array data bytes written.</param>
/// <param name="Worker">host:pid of the worker that did it.</param>
/// <param name="Milliseconds">Time the conversion took (0 from workers older than the status page).</param>
internal sealed record JobResult(string Id, string? Batch, string Output, long Bytes, string Worker, long Milliseconds = 0)
{
    public static byte[] ToJson(JobResult result) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, QueueJson.Default.JobResult);
}

/// <summary>System.Text.Json source generation for the queue's messages (camelCase, nulls left out, names read case-insensitively).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JobResult))]
[JsonSerializable(typeof(WorkerStatus))]
internal sealed partial class QueueJson : JsonSerializerContext;
