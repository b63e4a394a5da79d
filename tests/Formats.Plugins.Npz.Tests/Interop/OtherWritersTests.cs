using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Formats.Numpy;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>
/// Well-formed zips of .npy members that NumPy's savez does not write but np.load reads: data descriptors,
/// extra fields, comments, full Zip64 records, prepended bytes, legacy code-page and Info-ZIP Unicode names,
/// and .NET's own ZipArchive output.
/// </summary>
public sealed class OtherWritersTests
{
    [Fact]
    public void ReadsZipfileOutputWithDescriptorsExtrasAndComment()
    {
        using var dir = new TempDir();
        NumPy.Run("""
            import io, zipfile
            class Pipe(io.RawIOBase):
                def __init__(self, f): self.f = f
                def writable(self): return True
                def write(self, b): return self.f.write(b)
            a = np.arange(5000, dtype='<i4').reshape(50, 100)
            b = np.linspace(0, 1, 333)
            with open('other.npz', 'wb') as f:
                with zipfile.ZipFile(Pipe(f), 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
                    z.comment = b'written by a pipe'
                    for name, arr, method in [('a.npy', a, zipfile.ZIP_DEFLATED), ('b\u00df.npy', b, zipfile.ZIP_STORED)]:
                        info = zipfile.ZipInfo(name, date_time=(2020, 5, 17, 12, 30, 0))
                        info.compress_type = method
                        info.extra = b'UT\x05\x00\x01\x00\x00\x00\x00'
                        with z.open(info, 'w') as m:
                            np.lib.format.write_array(m, arr)
            info = zipfile.ZipFile('other.npz').infolist()
            assert all(i.flag_bits & 8 for i in info), 'expected data descriptors'
            """, dir.Path);

        using var reader = NpzTest.Open(dir.File("other.npz"));
        Assert.Equal(["a", "bß"], reader.Entries.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(0, 5000), Ints(NpzTest.ReadAll(reader, "a")));
        Assert.Equal(333 * 8, NpzTest.ReadAll(reader, "bß").Length);
        Assert.NotNull(reader.Entries[1].Data);
    }

    [Theory]
    [InlineData("savez")]
    [InlineData("savez_compressed")]
    public void ReadsFullZip64RecordsAsZipfileWritesThemPastItsLimit(string function)
    {
        // Lowering zipfile's limits makes it write what it writes for > 2 GiB archives: 0xFFFFFFFF sizes and
        // offsets with Zip64 extras in local and central headers, and the Zip64 end record and locator.
        using var dir = new TempDir();
        var sha = NumPy.Run($$"""
            import zipfile, hashlib
            zipfile.ZIP64_LIMIT = 100
            zipfile.ZIP_FILECOUNT_LIMIT = 1
            a = np.arange(1000, dtype='<f8'); b = np.arange(77, dtype='<u2')
            np.{{function}}('z64.npz', a=a, b=b)
            raw = open('z64.npz', 'rb').read()
            assert b'PK\x06\x06' in raw and b'PK\x06\x07' in raw, 'no Zip64 end record'
            print(json.dumps([hashlib.sha256(a.tobytes()).hexdigest(), hashlib.sha256(b.tobytes()).hexdigest()]))
            """, dir.Path);
        var expected = JsonSerializer.Deserialize<string[]>(sha)!;
        using var reader = NpzTest.Open(dir.File("z64.npz"));
        Assert.Equal(["a", "b"], reader.Entries.Select(e => e.Name));
        Assert.Equal(expected[0], NpzTest.Sha256(NpzTest.ReadAll(reader, "a")));
        Assert.Equal(expected[1], NpzTest.Sha256(NpzTest.ReadAll(reader, "b")));
    }

    [Fact]
    public void ReadsAnArchiveWithPrependedBytesAsZipfileDoes()
    {
        using var dir = new TempDir();
        NumPy.Run("""
            np.savez('plain.npz', x=np.arange(10))
            open('prefixed.npz', 'wb').write(b'#!/bin/sh\nexit 0\n' * 10 + open('plain.npz', 'rb').read())
            assert np.lib.npyio.NpzFile(open('prefixed.npz', 'rb'))['x'][9] == 9  # np.load dispatches on magic; zipfile itself reads it
            """, dir.Path);
        var bytes = File.ReadAllBytes(dir.File("prefixed.npz"));
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(bytes), ArrayReadOptions.Default);
        var entry = Assert.Single(reader.Entries);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Longs(NpzTest.ReadAll(reader, "x")));
        Assert.Equal(9L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)entry.Data!.Value.Offset + 72)));
    }

    [Fact]
    public void DecodesLegacyCodePageAndInfoZipUnicodeNames()
    {
        using var dir = new TempDir();
        var npy = NpzTest.NpyBytes(4);

        // 'caf\x82.npy' without the UTF-8 flag is "café.npy" in code page 437, as zipfile decodes it.
        var legacy = RawMember.StoredMember("legacy", npy) with { RawName = [.. "caf"u8, 0x82, .. ".npy"u8] };

        // An ASCII stored name with an Info-ZIP Unicode Path field (0x7075) carrying the real UTF-8 name.
        var stored = "x.npy"u8.ToArray();
        var unicodeName = Encoding.UTF8.GetBytes("数据.npy");
        var field = new byte[4 + 5 + unicodeName.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(field, 0x7075);
        BinaryPrimitives.WriteUInt16LittleEndian(field.AsSpan(2), (ushort)(5 + unicodeName.Length));
        field[4] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(field.AsSpan(5), Crc32.HashToUInt32(stored));
        unicodeName.CopyTo(field, 9);
        var infoZip = RawMember.StoredMember("x.npy", npy) with { RawName = stored, CentralExtra = field };

        var path = dir.File("names.npz");
        File.WriteAllBytes(path, RawZip.Build([legacy, infoZip]));
        using var reader = NpzTest.Open(path);
        Assert.Equal(["café", "数据"], reader.Entries.Select(e => e.Name));
        Assert.Equal(4, NpzTest.ReadAll(reader, "数据").Length);
        Assert.Equal("caf\\u00e9", NumPy.Run("print(json.dumps(np.load('names.npz').files[0]).strip('\"'))", dir.Path).Trim());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsDotNetZipArchiveOutput(bool seekable)
    {
        var header = ArrayHeader.Create(DType.Int32, 20_000);
        var data = Enumerable.Range(0, 20_000).SelectMany(BitConverter.GetBytes).ToArray();
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(seekable ? buffer : new ForwardOnlyStream(buffer), ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, level) in new[] { ("fast.npy", CompressionLevel.Fastest), ("none.npy", CompressionLevel.NoCompression), ("small.npy", CompressionLevel.SmallestSize) })
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(NpyHeaderCodec.Encode(header));
                entry.Write(data);
            }
        }

        using var reader = NpzTest.Format.CreateReader(new MemoryStream(buffer.ToArray()), ArrayReadOptions.Default);
        Assert.Equal(["fast", "none", "small"], reader.Entries.Select(e => e.Name));
        foreach (var entry in reader.Entries)
        {
            Assert.Equal(data, NpzTest.ReadAll(reader, entry.Name));
        }
    }

    private static IEnumerable<int> Ints(byte[] bytes) => Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i)));

    private static IEnumerable<long> Longs(byte[] bytes) => Enumerable.Range(0, bytes.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 * i)));
}
