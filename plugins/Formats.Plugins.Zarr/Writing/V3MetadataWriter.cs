using System.Text.Json;

namespace Formats.Plugins.Zarr.Writing;

/// <summary>Writes v3 <c>zarr.json</c> documents: a group's, and an array's (regular grid, default keys, fill 0).</summary>
internal static class V3MetadataWriter
{
    public static void Group(IArrayDirectory directory, string prefix)
    {
        using var stream = directory.Create(prefix + "zarr.json");
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("zarr_format", 3);
        json.WriteString("node_type", "group");
        json.WriteStartObject("attributes");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void Array(IArrayDirectory directory, string prefix, ArrayHeader header, long[] chunks, ZarrWriteOptions options, bool transpose)
    {
        using var stream = directory.Create(prefix + "zarr.json");
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var dtype = header.DType;
        json.WriteStartObject();
        json.WriteNumber("zarr_format", 3);
        json.WriteString("node_type", "array");
        Longs(json, "shape", header.Shape.Dimensions);
        if (dtype.Kind == DTypeKind.Unicode)
        {
            json.WriteStartObject("data_type");
            json.WriteString("name", "fixed_length_utf32");
            json.WriteStartObject("configuration");
            json.WriteNumber("length_bytes", dtype.ItemSize);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("data_type", DataTypeName(dtype));
        }

        json.WriteStartObject("chunk_grid");
        json.WriteString("name", "regular");
        json.WriteStartObject("configuration");
        Longs(json, "chunk_shape", chunks);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("chunk_key_encoding");
        json.WriteString("name", "default");
        json.WriteStartObject("configuration");
        json.WriteString("separator", "/");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("fill_value");
        switch (dtype.Kind)
        {
            case DTypeKind.Bool:
                json.WriteBooleanValue(false);
                break;
            case DTypeKind.Float:
                json.WriteNumberValue(0.0);
                break;
            case DTypeKind.Complex:
                json.WriteStartArray();
                json.WriteNumberValue(0.0);
                json.WriteNumberValue(0.0);
                json.WriteEndArray();
                break;
            case DTypeKind.Unicode:
                json.WriteStringValue(string.Empty);
                break;
            default:
                json.WriteNumberValue(0);
                break;
        }

        json.WriteStartArray("codecs");
        if (transpose)
        {
            json.WriteStartObject();
            json.WriteString("name", "transpose");
            json.WriteStartObject("configuration");
            Longs(json, "order", [.. Enumerable.Range(0, header.Shape.Rank).Select(i => (long)i).Reverse()]);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartObject();
        json.WriteString("name", "bytes");
        json.WriteStartObject("configuration");
        json.WriteString("endian", dtype.ByteOrder == ByteOrder.Big ? "big" : "little");
        json.WriteEndObject();
        json.WriteEndObject();
        if (options.Codec != ZarrCodec.None)
        {
            json.WriteStartObject();
            json.WriteString("name", options.Codec == ZarrCodec.Gzip ? "gzip" : "zstd");
            json.WriteStartObject("configuration");
            json.WriteNumber("level", Level(options));
            if (options.Codec == ZarrCodec.Zstd)
            {
                json.WriteBoolean("checksum", false);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("attributes");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static int Level(ZarrWriteOptions options) => options.Level ?? (options.Codec == ZarrCodec.Gzip ? 5 : 3);

    /// <summary>The v3 data type name of a dtype the writer takes; throws for any other.</summary>
    public static string DataTypeName(DType dtype) => (dtype.Kind, dtype.ItemSize) switch
    {
        (DTypeKind.Bool, 1) => "bool",
        (DTypeKind.Int, 1 or 2 or 4 or 8) => "int" + (dtype.ItemSize * 8),
        (DTypeKind.UInt, 1 or 2 or 4 or 8) => "uint" + (dtype.ItemSize * 8),
        (DTypeKind.Float, 2 or 4 or 8) => "float" + (dtype.ItemSize * 8),
        (DTypeKind.Complex, 8 or 16) => "complex" + (dtype.ItemSize * 8),
        (DTypeKind.Unicode, _) => "fixed_length_utf32",
        _ => throw new UnsupportedArrayException($"Zarr v3 has no data type for {dtype} (bool, integers, float16/32/64, complex64/128 and fixed-length unicode are written)"),
    };

    private static void Longs(Utf8JsonWriter json, string name, ReadOnlySpan<long> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
