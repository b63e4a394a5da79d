using System.Text.Json;

namespace Formats.Plugins.Zarr.Metadata;

/// <summary>Reads metadata documents, turning every JSON or shape problem into one <see cref="MalformedArrayException"/>.</summary>
internal static class ZarrJson
{
    public const int MaxMetadataBytes = 16 << 20;

    public static JsonDocument Load(IArrayDirectory directory, string entry)
    {
        using var stream = directory.OpenRead(entry);
        if (stream.Length > MaxMetadataBytes)
        {
            throw new MalformedArrayException($"{entry} is {stream.Length} bytes, more than the {MaxMetadataBytes} a metadata document may take");
        }

        try
        {
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new MalformedArrayException($"{entry} is not valid JSON: {e.Message}", e);
        }
    }

    public static JsonElement Required(JsonElement obj, string property, string entry)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedArrayException($"{entry}: expected a JSON object");
        }

        return obj.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new MalformedArrayException($"{entry} has no '{property}'");
    }

    public static JsonElement? Optional(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement value, string what, string entry) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new MalformedArrayException($"{entry}: {what} must be a string, not {value}");

    public static int Int(JsonElement value, string what, string entry) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) ? v : throw new MalformedArrayException($"{entry}: {what} must be an integer, not {value}");

    public static long[] Longs(JsonElement value, string what, string entry, long min)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedArrayException($"{entry}: {what} must be a list of integers, not {value}");
        }

        var result = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < min)
            {
                throw new MalformedArrayException($"{entry}: {what} must be a list of integers of at least {min}, not {value}");
            }

            result[i++] = v;
        }

        return result;
    }
}
