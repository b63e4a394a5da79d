using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// Issue #19 item 10 as reported: 300,000 float32 written with <c>--compress</c> (two pieces of 655,360 bytes), then
/// the restart index's segment length raised in place (same varint length) or the split between the two compressed
/// lengths moved. NumPy loads every such file correctly; <c>show</c> and <c>convert --rows</c> must print and write
/// exactly NumPy's values.
/// </summary>
public sealed class LyingRestartIndexCommandTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ShowAndRowsGiveNumPysValuesWhateverTheIndexSays()
    {
        NumPy.Run("np.save('sig.npy', (np.sin(np.arange(300000) / 50) * 1000 + np.random.default_rng(1).normal(size=300000)).astype(np.float32))", dir.Path);
        Assert.Equal(0, (await Cli.RunAsync("convert", dir.File("sig.npy"), dir.File("sig.npz"), "--compress")).Code);
        var archive = File.ReadAllBytes(dir.File("sig.npz"));
        var field = archive.AsSpan().IndexOf("NPZR\u0001"u8.ToArray()) + 5;
        Assert.True(field > 5, "the archive has a restart index");
        Assert.Equal([0x80, 0x80, 0x28], archive[field..(field + 3)]); // 655,360

        var files = new List<string>();
        foreach (var raise in new[] { 1, 4, 127 })
        {
            var bad = (byte[])archive.Clone();
            bad[field] = (byte)(0x80 | raise);
            files.Add(Save($"len{raise}.npz", bad));
        }

        // The two compressed lengths follow the segment length; move bytes between them (keeping their varint lengths).
        var (first, firstBytes) = Varint(archive, field + 3);
        var (second, secondBytes) = Varint(archive, field + 3 + firstBytes);
        foreach (var move in new[] { -1000, -1, 1, 77 })
        {
            var bad = (byte[])archive.Clone();
            byte[] lengths = [.. Encode(first + move), .. Encode(second - move)];
            Assert.Equal(firstBytes + secondBytes, lengths.Length);
            lengths.CopyTo(bad, field + 3);
            files.Add(Save($"split{move}.npz", bad));
        }

        var expected = NumPy.Run($$"""
            for f in {{"[" + string.Join(", ", files.Select(f => $"'{Path.GetFileName(f)}'")) + "]"}}:
                a = np.load(f)['sig']
                print(repr(a).replace('\n', '|') + '#' + a[299990:300000].tobytes().hex())
            """, dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Count, expected.Length);
        for (var i = 0; i < files.Count; i++)
        {
            var (repr, tail) = (expected[i].Split('#')[0].Replace('|', '\n'), expected[i].Split('#')[1]);
            var shown = await Cli.RunAsync("show", files[i]);
            Assert.True(shown.Code == 0, shown.Err);
            Assert.Equal(repr, shown.Out.TrimEnd('\n'));

            var output = dir.File($"tail{i}.npy");
            var converted = await Cli.RunAsync("convert", files[i], output, "--rows", "299990:300000");
            Assert.True(converted.Code == 0, converted.Err);
            Assert.Equal(tail, Convert.ToHexStringLower(File.ReadAllBytes(output).AsSpan(128)));

            var verified = await Cli.RunAsync("verify", files[i]);
            Assert.True(verified.Code == 0, verified.Out + verified.Err);
        }
    }

    private string Save(string name, byte[] bytes)
    {
        File.WriteAllBytes(dir.File(name), bytes);
        return dir.File(name);
    }

    private static (long Value, int Length) Varint(byte[] bytes, int at)
    {
        long value = 0;
        for (var i = 0; ; i++)
        {
            value |= (long)(bytes[at + i] & 0x7F) << (7 * i);
            if ((bytes[at + i] & 0x80) == 0)
            {
                return (value, i + 1);
            }
        }
    }

    private static byte[] Encode(long value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
