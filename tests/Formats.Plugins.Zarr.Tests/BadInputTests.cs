using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>Damaged stores: each gives one <see cref="ArrayFormatException"/> naming the problem, never another exception.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("""{"zarr_format": 3, "node_type": "array"}""", "has no 'shape'")]
    [InlineData("""{"zarr_format": 3, "node_type": "table"}""", "node_type 'table'")]
    [InlineData("""{"zarr_format": 4, "node_type": "array"}""", "zarr_format 4")]
    public void CorruptRootMetadata(string json, string problem)
    {
        using var dir = new TempDir();
        var store = Copy("v3/array_none.zarr", dir);
        File.WriteAllText(Path.Combine(store, "zarr.json"), json);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => Read(store));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"shape\": [\n    10,\n    10\n  ]", "\"shape\": [10, -1]", "shape must be a list of integers of at least 0")]
    [InlineData("\"data_type\": \"float32\"", "\"data_type\": \"float128\"", "data_type float128 is not supported")]
    [InlineData("\"name\": \"bytes\"", "\"name\": \"lzma\"", "codec 'lzma' comes before")]
    [InlineData("\"endian\": \"little\"", "\"endian\": \"middle\"", "endian 'middle'")]
    [InlineData("\"fill_value\": 0.0", "\"fill_value\": \"zero\"", "fill_value zero is not a number")]
    [InlineData("\"name\": \"regular\"", "\"name\": \"rectilinear\"", "chunk_grid 'rectilinear' is not supported")]
    [InlineData("\"chunk_shape\": [\n        5,\n        5\n      ]", "\"chunk_shape\": [5]", "chunk_shape has 1 dimensions, shape 2")]
    public void BadFieldsInArrayMetadata(string field, string replacement, string problem)
    {
        using var dir = new TempDir();
        var store = Copy("v3/array_none.zarr", dir);
        Edit(Path.Combine(store, "zarr.json"), field, replacement);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => Read(store));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}, {\"name\": \"lzma\"}", "codec 'lzma' is not supported")]
    [InlineData("{\"name\": \"sharding_indexed\", \"configuration\": {\"chunk_shape\": [3, 3], \"codecs\": []}}", "does not divide the shard shape")]
    [InlineData("{\"name\": \"gzip\"}", "comes before the array-to-bytes codec")]
    public void MissingOrUnsupportedCodecs(string codecs, string problem)
    {
        using var dir = new TempDir();
        var store = Copy("v3/array_none.zarr", dir);
        var path = Path.Combine(store, "zarr.json");
        var text = File.ReadAllText(path);
        var start = text.IndexOf("\"codecs\": [", StringComparison.Ordinal);
        var end = text.IndexOf(']', start);
        File.WriteAllText(path, text[..start] + "\"codecs\": [" + codecs + text[end..]);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => Read(store));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodecDecodesNothingUnderAnother()
    {
        using var dir = new TempDir();
        var store = Copy("v3/array_none.zarr", dir);
        Edit(Path.Combine(store, "zarr.json"), "\"endian\": \"little\"\n      }\n    }", "\"endian\": \"little\"\n      }\n    }, {\"name\": \"gzip\", \"configuration\": {\"level\": 1}}");
        var e = Assert.Throws<MalformedArrayException>(() => Read(store));
        Assert.Contains("chunk c/0/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("gzip data is corrupt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v3/array_none.zarr", "c/0/1", "holds 50 bytes once decoded, not the 100")]
    [InlineData("v3/array_zstd.zarr", "c/1/0", "zstd data")]
    [InlineData("v3/array_gzip.zarr", "c/1/1", "once decoded, not the 100")]
    [InlineData("v3/array_blosc.zarr", "c/0/0", "blosc")]
    [InlineData("v2/array_blosc_C.zarr", "1.0", "blosc")]
    [InlineData("v2/array_zstd_C.zarr", "0.1", "zstd data")]
    public void TruncatedChunks(string fixture, string chunk, string problem)
    {
        using var dir = new TempDir();
        var store = Copy(fixture, dir);
        var path = Path.Combine(store, chunk);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<MalformedArrayException>(() => Read(store));
        Assert.Contains($"chunk {chunk}", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crc32cMismatch()
    {
        using var dir = new TempDir();
        var store = dir.File("c.zarr");
        var header = ArrayHeader.Create(DType.Int16, 4);
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Codec = ZarrCodec.None }), (null, header, new byte[8]));
        Edit(Path.Combine(store, "zarr.json"), "\"endian\": \"little\"\n      }\n    }", "\"endian\": \"little\"\n      }\n    }, {\"name\": \"crc32c\"}");
        var chunk = Path.Combine(store, "c", "0");
        File.WriteAllBytes(chunk, [.. File.ReadAllBytes(chunk), .. new Codecs.Crc32cCodec().Encode(new byte[8])[8..]]);
        Assert.Equal(new byte[8], Stores.Read(store));
        var bytes = File.ReadAllBytes(chunk);
        bytes[0] ^= 1;
        File.WriteAllBytes(chunk, bytes);
        var e = Assert.Throws<MalformedArrayException>(() => Read(store));
        Assert.Contains("crc32c checksum mismatch", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"id\": \"blosc\"", "\"id\": \"lzma\"", "compressor 'lzma' is not supported")]
    [InlineData("\"dtype\": \"<f4\"", "\"dtype\": \"<q9\"", "is not a NumPy dtype")]
    [InlineData("\"order\": \"C\"", "\"order\": \"K\"", "order 'K'")]
    [InlineData("\"filters\": null", "\"filters\": [{\"id\": \"delta\"}]", "filters are not supported")]
    public void BadV2Metadata(string field, string replacement, string problem)
    {
        using var dir = new TempDir();
        var store = Copy("v2/array_blosc_C.zarr", dir);
        Edit(Path.Combine(store, ".zarray"), field, replacement);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => Read(store));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAStoreAndNoSuchMember()
    {
        using var dir = new TempDir();
        Assert.Throws<MalformedArrayException>(() => new ZarrFormat().CreateReader(new FolderDirectory(dir.Path), ArrayReadOptions.Default));
        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(Fixtures.Path("hierarchy.zarr")), ArrayReadOptions.Default);
        var e = Assert.Throws<MemberNotFoundException>(() => reader.Describe("a/nope"));
        Assert.Contains("a/foo", e.Members);
    }

    private static void Read(string store) => Stores.Read(store);

    private static void Edit(string path, string field, string replacement)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(field, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(field, replacement, StringComparison.Ordinal));
    }

    private static string Copy(string fixture, TempDir dir)
    {
        var source = Fixtures.Path(fixture);
        var target = dir.File(Path.GetFileName(fixture));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
