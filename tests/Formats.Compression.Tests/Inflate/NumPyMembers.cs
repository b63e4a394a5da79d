using System.Text.Json;
using Formats.Testing;

namespace Formats.Compression.Tests.Inflate;

/// <summary>
/// Members written by the real <c>np.savez_compressed</c> (one plain zlib deflate stream each, no restart index) for
/// the benchmark's cases, 4 MiB each, made once per test class.
/// </summary>
public sealed class NumPyMembers : IDisposable
{
    private const string Script = """
        rng = np.random.default_rng(20240601)
        n = (4 << 20) // 4
        cases = {
            "arange_i4": np.arange(n, dtype=np.int32),
            "arange_noise_i4": np.arange(n, dtype=np.int32) + rng.integers(1, 20, n, dtype=np.int32),
            "random255_i4": rng.integers(0, 255, n, dtype=np.int32),
            "random255_u1": rng.integers(0, 255, 4 * n, dtype=np.uint8),
            "signal_f4": (np.sin(np.arange(n) * (2 * np.pi / 1000.0)) + rng.normal(0.0, 0.1, n)).astype(np.float32),
            "ones_i4": np.ones(n, dtype=np.int32),
        }
        import zipfile, struct
        out = {}
        for name, a in cases.items():
            np.savez_compressed(name + ".npz", a)
            with zipfile.ZipFile(name + ".npz") as z:
                i = z.infolist()[0]
            with open(name + ".npz", "rb") as f:
                f.seek(i.header_offset)
                h = f.read(30)
            nl, el = struct.unpack("<HH", h[26:30])
            out[name] = [i.header_offset + 30 + nl + el, i.compress_size, i.file_size, i.CRC]
        print(json.dumps(out))
        """;

    private readonly TempDir dir = new();

    public NumPyMembers()
    {
        var json = JsonDocument.Parse(NumPy.Run(Script, dir.Path)).RootElement;
        foreach (var c in json.EnumerateObject())
        {
            var v = c.Value.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Members[c.Name] = new Member(File.ReadAllBytes(dir.File(c.Name + ".npz")), new DeflatedRange(v[0], v[1], v[2]), (uint)v[3]);
        }
    }

    public static TheoryData<string> Cases => ["arange_i4", "arange_noise_i4", "random255_i4", "random255_u1", "signal_f4", "ones_i4"];

    public Dictionary<string, Member> Members { get; } = [];

    public void Dispose() => dir.Dispose();

    /// <summary>An archive's bytes, the member's deflate stream in them, and the member's CRC-32 from the archive.</summary>
    public sealed record Member(byte[] Archive, DeflatedRange Range, uint Crc);
}
