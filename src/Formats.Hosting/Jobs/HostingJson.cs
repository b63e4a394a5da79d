using System.Text.Json.Serialization;

namespace Formats.Hosting;

/// <summary>System.Text.Json source generation for jobs (camelCase, nulls left out, names read case-insensitively): no reflection, so native (AOT) programs read them too.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ConversionJob))]
internal sealed partial class HostingJson : JsonSerializerContext;
