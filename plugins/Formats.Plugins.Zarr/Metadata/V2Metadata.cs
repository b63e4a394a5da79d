using System.Text.Json;
using Formats.Plugins.Zarr.Codecs;

namespace Formats.Plugins.Zarr.Metadata;

/// <summary>Zarr v2's <c>.zarray</c>, to <see cref="ZarrArrayMetadata"/>: a NumPy dtype string, order C or F, one compressor.</summary>
internal static class V2Metadata
{
    public static ZarrArrayMetadata Parse(JsonElement root, string prefix, string entry)
    {
        var format = ZarrJson.Int(ZarrJson.Required(root, "zarr_format", entry), "zarr_format", entry);
        if (format != 2)
        {
            throw new UnsupportedArrayException($"{entry}: zarr_format {format} is not 2");
        }

        var shape = ZarrJson.Longs(ZarrJson.Required(root, "shape", entry), "shape", entry, 0);
        var chunks = ZarrJson.Longs(ZarrJson.Required(root, "chunks", entry), "chunks", entry, 1);
        if (chunks.Length != shape.Length)
        {
            throw new MalformedArrayException($"{entry}: chunks has {chunks.Length} dimensions, shape {shape.Length}");
        }

        var dtypeText = ZarrJson.Required(root, "dtype", entry);
        if (dtypeText.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedArrayException($"{entry}: structured dtype {dtypeText} is not supported");
        }

        DType dtype;
        try
        {
            dtype = DType.Parse(dtypeText.GetString()!);
        }
        catch (ArrayFormatException e)
        {
            throw new MalformedArrayException($"{entry}: dtype {dtypeText} is not a NumPy dtype: {e.Problem}", e);
        }

        if (!dtype.IsPrimitive && dtype.Kind is not (DTypeKind.Unicode or DTypeKind.Bytes))
        {
            throw new UnsupportedArrayException($"{entry}: dtype {dtype} is not supported");
        }

        var order = ZarrJson.Optional(root, "order") is { } o ? ZarrJson.String(o, "order", entry) : "C";
        if (order is not ("C" or "F"))
        {
            throw new MalformedArrayException($"{entry}: order '{order}' is neither 'C' nor 'F'");
        }

        if (ZarrJson.Optional(root, "filters") is { ValueKind: JsonValueKind.Array } filters && filters.GetArrayLength() > 0)
        {
            throw new UnsupportedArrayException($"{entry}: filters are not supported");
        }

        var separator = ZarrJson.Optional(root, "dimension_separator") is { } s ? ZarrJson.String(s, "dimension_separator", entry) : ".";
        if (separator is not ("." or "/"))
        {
            throw new MalformedArrayException($"{entry}: dimension_separator '{separator}' is neither '.' nor '/'");
        }

        var codecs = new List<IBytesCodec>();
        if (ZarrJson.Optional(root, "compressor") is { } compressor)
        {
            codecs.Add(Compressor(compressor, dtype, entry));
        }

        var rank = shape.Length;
        int[]? permutation = order == "F" && rank > 1 ? [.. Enumerable.Range(0, rank).Reverse()] : null;
        var fill = FillValue.Encode(ZarrJson.Optional(root, "fill_value"), dtype, entry);
        return new ZarrArrayMetadata(prefix, 2, new ArrayHeader(dtype, new ArrayShape(shape)), chunks, fill, new ChunkPipeline(codecs, 0, permutation, dtype.ItemSize), new ChunkKeys(false, separator[0]));
    }

    private static IBytesCodec Compressor(JsonElement compressor, DType dtype, string entry)
    {
        var id = ZarrJson.String(ZarrJson.Required(compressor, "id", entry), "compressor id", entry);
        var level = ZarrJson.Optional(compressor, "level") is { } l ? ZarrJson.Int(l, "level", entry) : 1;
        return id switch
        {
            "blosc" => new BloscCodec(dtype.ItemSize),
            "zlib" => new DeflateCodec(gzip: false, level),
            "gzip" => new DeflateCodec(gzip: true, level),
            "zstd" => new ZstdCodec(level, checksum: false),
            _ => throw new UnsupportedArrayException($"{entry}: compressor '{id}' is not supported (blosc, zlib, gzip and zstd are)"),
        };
    }
}
