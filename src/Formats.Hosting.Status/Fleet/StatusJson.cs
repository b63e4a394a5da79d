using System.Text.Json.Serialization;

namespace Formats.Hosting.Status;

/// <summary>
/// System.Text.Json source generation for <c>/api/status</c> (camelCase, nulls written as null so the schema is fixed)
/// and for the queue's messages the status app reads (heartbeats, results; names read case-insensitively).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(FleetStatus))]
[JsonSerializable(typeof(WorkerStatus))]
[JsonSerializable(typeof(ResultMessage))]
internal sealed partial class StatusJson : JsonSerializerContext;

/// <summary>
/// What the status app reads of a result a worker announces on <c>NAME.results</c> (the message also names the job,
/// its batch, its output and the worker): the array data bytes written and the conversion time.
/// </summary>
internal sealed record ResultMessage(long Bytes, long Milliseconds);
