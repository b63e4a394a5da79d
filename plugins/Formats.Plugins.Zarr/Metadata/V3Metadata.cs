using System.Text.Json;
using Formats.Plugins.Zarr.Codecs;

namespace Formats.Plugins.Zarr.Metadata;

/// <summary>Zarr v3's <c>zarr.json</c> of an array, to <see cref="ZarrArrayMetadata"/>.</summary>
internal static class V3Metadata
{
    public static DType ParseDType(JsonElement value, string entry)
    {
        var name = value.ValueKind == JsonValueKind.Object
            ? ZarrJson.String(ZarrJson.Required(value, "name", entry), "data_type name", entry)
            : ZarrJson.String(value, "data_type", entry);
        return name switch
        {
            "bool" => DType.Bool,
            "int8" => DType.Int8,
            "int16" => DType.Int16.WithByteOrder(ByteOrder.Little),
            "int32" => DType.Int32.WithByteOrder(ByteOrder.Little),
            "int64" => DType.Int64.WithByteOrder(ByteOrder.Little),
            "uint8" => DType.UInt8,
            "uint16" => DType.UInt16.WithByteOrder(ByteOrder.Little),
            "uint32" => DType.UInt32.WithByteOrder(ByteOrder.Little),
            "uint64" => DType.UInt64.WithByteOrder(ByteOrder.Little),
            "float16" => DType.Float16.WithByteOrder(ByteOrder.Little),
            "float32" => DType.Float32.WithByteOrder(ByteOrder.Little),
            "float64" => DType.Float64.WithByteOrder(ByteOrder.Little),
            "complex64" => DType.Complex64.WithByteOrder(ByteOrder.Little),
            "complex128" => DType.Complex128.WithByteOrder(ByteOrder.Little),
            "fixed_length_utf32" => Utf32(value, entry),
            _ => throw new UnsupportedArrayException($"{entry}: data_type {value} is not supported"),
        };
    }

    public static ZarrArrayMetadata Parse(JsonElement root, string prefix, string entry)
    {
        var shape = ZarrJson.Longs(ZarrJson.Required(root, "shape", entry), "shape", entry, 0);
        var dtype = ParseDType(ZarrJson.Required(root, "data_type", entry), entry);
        var grid = ZarrJson.Required(root, "chunk_grid", entry);
        var gridName = ZarrJson.String(ZarrJson.Required(grid, "name", entry), "chunk_grid name", entry);
        if (gridName != "regular")
        {
            throw new UnsupportedArrayException($"{entry}: chunk_grid '{gridName}' is not supported (only 'regular')");
        }

        var chunks = ZarrJson.Longs(ZarrJson.Required(ZarrJson.Required(grid, "configuration", entry), "chunk_shape", entry), "chunk_shape", entry, 1);
        if (chunks.Length != shape.Length)
        {
            throw new MalformedArrayException($"{entry}: chunk_shape has {chunks.Length} dimensions, shape {shape.Length}");
        }

        if (ZarrJson.Optional(root, "storage_transformers") is { ValueKind: JsonValueKind.Array } transformers && transformers.GetArrayLength() > 0)
        {
            throw new UnsupportedArrayException($"{entry}: storage transformers are not supported");
        }

        var keys = ParseKeys(ZarrJson.Optional(root, "chunk_key_encoding"), entry);
        var fill = FillValue.Encode(ZarrJson.Optional(root, "fill_value"), dtype, entry);
        var pipeline = ParseCodecs(ZarrJson.Required(root, "codecs", entry), dtype, chunks, fill, entry);
        return new ZarrArrayMetadata(prefix, 3, new ArrayHeader(dtype, new ArrayShape(shape)), chunks, fill, pipeline, keys);
    }

    private static DType Utf32(JsonElement value, string entry)
    {
        var length = ZarrJson.Int(ZarrJson.Required(ZarrJson.Required(value, "configuration", entry), "length_bytes", entry), "length_bytes", entry);
        return length > 0 && length % 4 == 0
            ? DType.Unicode(length / 4, ByteOrder.Little)
            : throw new MalformedArrayException($"{entry}: fixed_length_utf32 length_bytes {length} is not a positive multiple of 4");
    }

    private static ChunkKeys ParseKeys(JsonElement? encoding, string entry)
    {
        if (encoding is not { } e)
        {
            return new ChunkKeys(true, '/');
        }

        var name = ZarrJson.String(ZarrJson.Required(e, "name", entry), "chunk_key_encoding name", entry);
        var separator = ZarrJson.Optional(e, "configuration") is { } c && ZarrJson.Optional(c, "separator") is { } s ? ZarrJson.String(s, "separator", entry) : null;
        return name switch
        {
            "default" => new ChunkKeys(true, Separator(separator ?? "/", entry)),
            "v2" => new ChunkKeys(false, Separator(separator ?? ".", entry)),
            _ => throw new UnsupportedArrayException($"{entry}: chunk_key_encoding '{name}' is not supported"),
        };
    }

    private static char Separator(string text, string entry) =>
        text is "/" or "." ? text[0] : throw new MalformedArrayException($"{entry}: chunk key separator '{text}' is neither '/' nor '.'");

    private static ChunkPipeline ParseCodecs(JsonElement codecs, DType dtype, long[] chunkShape, byte[] fill, string entry)
    {
        var rank = chunkShape.Length;
        ShardingCodec? sharding = null;
        if (codecs.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedArrayException($"{entry}: codecs must be a list");
        }

        var permutation = Enumerable.Range(0, rank).ToArray();
        var transposed = false;
        var seenBytes = false;
        var swap = 0;
        var bytesCodecs = new List<IBytesCodec>();
        foreach (var codec in codecs.EnumerateArray())
        {
            var name = ZarrJson.String(ZarrJson.Required(codec, "name", entry), "codec name", entry);
            var config = ZarrJson.Optional(codec, "configuration");
            if (!seenBytes && name is not ("transpose" or "bytes" or "sharding_indexed"))
            {
                throw name is "vlen-utf8" or "vlen-bytes"
                    ? new UnsupportedArrayException($"{entry}: codec '{name}' is not supported")
                    : new MalformedArrayException($"{entry}: codec '{name}' comes before the array-to-bytes codec ('bytes')");
            }

            switch (name)
            {
                case "transpose" when !seenBytes:
                    var order = ZarrJson.Longs(ZarrJson.Required(config ?? default, "order", entry), "transpose order", entry, 0);
                    if (order.Length != rank || order.Distinct().Count() != rank || order.Any(o => o >= rank))
                    {
                        throw new MalformedArrayException($"{entry}: transpose order {new ArrayShape(order)} is not a permutation of {rank} axes");
                    }

                    permutation = [.. order.Select(o => permutation[o])];
                    transposed = true;
                    break;
                case "bytes" when !seenBytes:
                    seenBytes = true;
                    var endian = config is { } c && ZarrJson.Optional(c, "endian") is { } en ? ZarrJson.String(en, "endian", entry) : null;
                    if (endian is not (null or "little" or "big"))
                    {
                        throw new MalformedArrayException($"{entry}: bytes endian '{endian}' is neither 'little' nor 'big'");
                    }

                    if (endian is null && dtype.ItemSize > 1 && dtype.Kind != DTypeKind.Bool)
                    {
                        throw new MalformedArrayException($"{entry}: the bytes codec needs an endian for {dtype}");
                    }

                    swap = endian == "big" ? SwapUnit(dtype) : 0;
                    break;
                case "sharding_indexed" when !seenBytes:
                    seenBytes = true;
                    sharding = Sharding(config ?? default, dtype, transposed ? [.. permutation.Select(p => chunkShape[p])] : chunkShape, fill, entry);
                    break;
                case "gzip":
                    bytesCodecs.Add(new DeflateCodec(gzip: true, Level(config, entry, 5)));
                    break;
                case "zstd":
                    bytesCodecs.Add(new ZstdCodec(Level(config, entry, 0), config is { } z && ZarrJson.Optional(z, "checksum") is { ValueKind: JsonValueKind.True }));
                    break;
                case "blosc":
                    bytesCodecs.Add(new BloscCodec(dtype.ItemSize));
                    break;
                case "crc32c":
                    bytesCodecs.Add(new Crc32cCodec());
                    break;
                default:
                    throw new UnsupportedArrayException($"{entry}: codec '{name}' is not supported here (transpose, bytes, gzip, zstd, blosc and crc32c are)");
            }
        }

        if (!seenBytes)
        {
            throw new MalformedArrayException($"{entry}: codecs hold no array-to-bytes codec ('bytes')");
        }

        return new ChunkPipeline(bytesCodecs, swap, transposed && !permutation.SequenceEqual(Enumerable.Range(0, rank)) ? permutation : null, dtype.ItemSize) { Sharding = sharding };
    }

    private static ShardingCodec Sharding(JsonElement config, DType dtype, long[] shardShape, byte[] fill, string entry)
    {
        var inner = ZarrJson.Longs(ZarrJson.Required(config, "chunk_shape", entry), "sharding chunk_shape", entry, 1);
        if (inner.Length != shardShape.Length || inner.Where((c, i) => shardShape[i] % c != 0).Any())
        {
            throw new MalformedArrayException($"{entry}: sharding chunk_shape {new ArrayShape(inner)} does not divide the shard shape {new ArrayShape(shardShape)}");
        }

        var innerPipeline = ParseCodecs(ZarrJson.Required(config, "codecs", entry), dtype, inner, fill, entry);
        var indexCodecs = ZarrJson.Optional(config, "index_codecs");
        var indexShape = shardShape.Select((s, i) => s / inner[i]).Append(2).ToArray();
        var index = indexCodecs is { } ic
            ? ParseCodecs(ic, DType.UInt64.WithByteOrder(ByteOrder.Little), indexShape, new byte[8], entry)
            : new ChunkPipeline([], 0, null, 8);
        if (index.BytesCodecs.Any(c => c is not Crc32cCodec) || index.Permutation is not null || index.Sharding is not null)
        {
            throw new UnsupportedArrayException($"{entry}: sharding index_codecs other than bytes and crc32c are not supported");
        }

        var location = ZarrJson.Optional(config, "index_location") is { } l ? ZarrJson.String(l, "index_location", entry) : "end";
        return location is "start" or "end"
            ? new ShardingCodec(inner, innerPipeline, index, index.BytesCodecs.Count, location == "start", fill)
            : throw new MalformedArrayException($"{entry}: index_location '{location}' is neither 'start' nor 'end'");
    }

    public static int SwapUnit(DType dtype) => dtype.Kind switch
    {
        DTypeKind.Complex => dtype.ItemSize / 2,
        DTypeKind.Unicode => 4,
        DTypeKind.Bool => 0,
        _ => dtype.ItemSize,
    };

    private static int Level(JsonElement? config, string entry, int fallback) =>
        config is { } c && ZarrJson.Optional(c, "level") is { } l ? ZarrJson.Int(l, "level", entry) : fallback;
}
