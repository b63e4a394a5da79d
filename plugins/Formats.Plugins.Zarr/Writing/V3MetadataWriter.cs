using System.Text.Json;
using Formats.Plugins.Zarr.Codecs;

namespace Formats.Plugins.Zarr.Writing;

/// <summary>Writes v3 <c>zarr.json</c> documents: a group's, and an array's (regular grid, default keys, fill 0).</summary>
internal static class V3MetadataWriter
{
    /// <summary>
    /// An array's layout: its chunk grid (logical axes; the shard shape when sharded), the inner chunk shape of
    /// <c>sharding_indexed</c> (in stored axes, after any transpose) or null, and whether a transpose codec reverses the axes.
    /// </summary>
    public sealed record Layout(long[] Grid, long[]? Inner, bool Transpose);

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

    public static void Array(IArrayDirectory directory, string prefix, ArrayHeader header, Layout layout, ZarrWriteOptions options)
    {
        var (chunks, transpose) = (layout.Grid, layout.Transpose);
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

        if (layout.Inner is { } inner)
        {
            json.WriteStartObject();
            json.WriteString("name", "sharding_indexed");
            json.WriteStartObject("configuration");
            Longs(json, "chunk_shape", inner);
            json.WriteStartArray("codecs");
            ChunkCodecs(json, dtype, options);
            json.WriteEndArray();
            json.WriteStartArray("index_codecs");
            Bytes(json, "little");
            json.WriteStartObject();
            json.WriteString("name", "crc32c");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("index_location", "end");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            ChunkCodecs(json, dtype, options);
        }

        json.WriteEndArray();
        json.WriteStartObject("attributes");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static int Level(ZarrWriteOptions options) => options.Level ?? options.Codec switch
    {
        ZarrCodec.Gzip or ZarrCodec.BloscLz4 or ZarrCodec.BloscZstd or ZarrCodec.BloscZlib => 5,
        _ => 3,
    };

    /// <summary>Blosc's code for the compressor inside a blosc codec.</summary>
    public static int BloscCompressor(ZarrCodec codec) => codec switch
    {
        ZarrCodec.BloscLz4 => 1,
        ZarrCodec.BloscZlib => 3,
        ZarrCodec.BloscZstd => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(codec)),
    };

    // The bytes codec and the compressor: a chunk's codecs, or an inner chunk's in a shard.
    private static void ChunkCodecs(Utf8JsonWriter json, DType dtype, ZarrWriteOptions options)
    {
        Bytes(json, dtype.ByteOrder == ByteOrder.Big ? "big" : "little");
        if (options.Codec == ZarrCodec.None)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("name", options.Codec switch { ZarrCodec.Gzip => "gzip", ZarrCodec.Zstd => "zstd", _ => "blosc" });
        json.WriteStartObject("configuration");
        switch (options.Codec)
        {
            case ZarrCodec.Gzip:
                json.WriteNumber("level", Level(options));
                break;
            case ZarrCodec.Zstd:
                json.WriteNumber("level", Level(options));
                json.WriteBoolean("checksum", false);
                break;
            default:
                json.WriteString("cname", BloscCodec.CompressorName(BloscCompressor(options.Codec)));
                json.WriteNumber("clevel", Level(options));
                json.WriteString("shuffle", options.Shuffle && dtype.ItemSize > 1 ? "shuffle" : "noshuffle");
                json.WriteNumber("typesize", dtype.ItemSize);
                json.WriteNumber("blocksize", 0);
                break;
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Bytes(Utf8JsonWriter json, string endian)
    {
        json.WriteStartObject();
        json.WriteString("name", "bytes");
        json.WriteStartObject("configuration");
        json.WriteString("endian", endian);
        json.WriteEndObject();
        json.WriteEndObject();
    }

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
