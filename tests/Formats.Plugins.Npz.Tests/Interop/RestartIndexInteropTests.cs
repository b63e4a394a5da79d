using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>Archives whose members carry a restart index are still plain zips to NumPy and Python's zipfile.</summary>
public sealed class RestartIndexInteropTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void NumPyLoadsIndexedMembersAndTestzipPasses()
    {
        var many = IndexedNpz.Bytes("many", 100_000);
        var dtype = DType.Packed(("a", DType.Int32), ("b", DType.Float64));
        var records = new byte[ArrayHeader.Create(dtype, 5000).ByteLength];
        new Random(2).NextBytes(records);
        var one = IndexedNpz.Bytes("one", 10);
        File.WriteAllBytes(dir.File("small.npz"), IndexedNpz.Write(4096, many, ("rec", ArrayHeader.Create(dtype, 5000), records), one));

        // Default 2 MiB pieces through the engine: 5 MiB of float32 is three pieces.
        var signal = new float[5 << 18];
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] = (float)(Math.Sin(i * 0.001) * 1000) + (i % 7);
        }

        using (var array = NDArray.FromValues<float>(signal))
        {
            NpzTest.Files.Write(dir.File("default.npz"), array, new WriteRequest { Compress = true, MemberName = "signal" });
        }

        // The field is in the central directory as zipfile sees it, and nothing complains about it.
        var fields = NumPy.Run("""
            import zipfile, struct
            def ids(extra):
                out, at = [], 0
                while at + 4 <= len(extra):
                    tp, ln = struct.unpack('<HH', extra[at:at + 4])
                    out.append(tp)
                    at += 4 + ln
                return out
            print(json.dumps({f + ':' + i.filename: ids(i.extra) for f in ('small.npz', 'default.npz') for i in zipfile.ZipFile(f).infolist()}))
            """, dir.Path);
        var seen = JsonSerializer.Deserialize<Dictionary<string, int[]>>(fields)!;
        Assert.Equal([0x6950], seen["small.npz:many.npy"]);
        Assert.Equal([0x6950], seen["small.npz:rec.npy"]);
        Assert.Empty(seen["small.npz:one.npy"]);
        Assert.Equal([0x6950], seen["default.npz:signal.npy"]);

        var small = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy("small.npz"), dir.Path))!;
        Assert.Equal(NpzTest.Sha256(many.Data), small["many"].GetProperty("sha").GetString());
        Assert.Equal(NpzTest.Sha256(records), small["rec"].GetProperty("sha").GetString());
        Assert.Equal(NpzTest.Sha256(one.Data), small["one"].GetProperty("sha").GetString());

        var big = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy("default.npz"), dir.Path))!;
        using var back = NpzTest.Files.Read(dir.File("default.npz"));
        Assert.Equal(NpzTest.Sha256(back.GetBytes()), big["signal"].GetProperty("sha").GetString());
        Assert.Equal(signal, back.AsSpan<float>().ToArray());
    }
}
