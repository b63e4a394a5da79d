using System.Text.Json.Serialization;

namespace Formats.Hosting.Status;

/// <summary>System.Text.Json source generation for <c>/api/status</c> (camelCase, nulls written as null so the schema is fixed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FleetStatus))]
[JsonSerializable(typeof(WorkerStatus))]
internal sealed partial class StatusJson : JsonSerializerContext;
