using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>We write, NumPy reads: stored archives are byte-identical to np.savez, every archive passes zipfile's testzip.</summary>
public sealed class WriteForNumPyTests : IClassFixture<WriteForNumPyTests.Sources>
{
    private readonly Sources sources;

    public WriteForNumPyTests(Sources sources) => this.sources = sources;

    /// <summary>Arrays saved by NumPy as .npy files, their np.savez archive, and NumPy's view of each.</summary>
    public sealed class Sources : IDisposable
    {
        public Sources()
        {
            var order = NumPy.Run("""
                arrays = {
                    'f8': np.linspace(0, 1, 1000).reshape(10, 100),
                    'i8be': np.arange(-5, 5, dtype='>i8'),
                    'fort': np.asfortranarray(np.arange(24, dtype='<u2').reshape(2, 3, 4)),
                    'rec': np.array([(1, 2.5, b'x'), (3, 4.5, b'yz')], dtype=[('a', '<i4'), ('b', '<f8'), ('c', 'S2')]),
                    'scalar': np.array(7, dtype='<i2'),
                    'empty': np.zeros((0, 2), dtype='<c8'),
                    'u': np.array(['\u00fcber', 'x'], dtype='<U4'),
                    '\u00e9t\u00e9': np.arange(5, dtype='<f4'),
                    'big': np.sin(np.arange(600000, dtype='<f8') / 100).astype('<f4'),
                    'ld': np.arange(12, dtype='<f16').reshape(3, 4) / 7,
                    'cldbe': np.array([1+2j, -3.5-4.25j], dtype='>c32'),
                }
                # A descr np.save never writes; np.load keeps the field named ''.
                with open('noname.npy', 'wb') as f:
                    np.lib.format.write_array_header_1_0(f, {'descr': [('', '<i4'), ('b', '<f16')], 'fortran_order': False, 'shape': (2,)})
                    f.write(bytes(range(40)))
                arrays['noname'] = np.load('noname.npy')
                positional = [np.ones(3, dtype='|b1'), np.arange(6, dtype='<i4').reshape(2, 3)]
                os.makedirs('src')
                names = list(arrays) + [f'arr_{i}' for i in range(len(positional))]
                for k, a in arrays.items():
                    np.save(os.path.join('src', f'm{names.index(k)}.npy'), a)
                for i, a in enumerate(positional):
                    np.save(os.path.join('src', f'm{len(arrays) + i}.npy'), a)
                np.savez('ref.npz', *positional, **arrays)
                np.savez('empty.npz')
                print(json.dumps(names))
                """, Dir.Path);
            Names = JsonSerializer.Deserialize<List<string>>(order)!;
            Expected = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy("ref.npz"), Dir.Path))!;
        }

        public TempDir Dir { get; } = new();

        /// <summary>Member names in NumPy's order (keyword ones, then arr_N).</summary>
        public List<string> Names { get; }

        public Dictionary<string, JsonElement> Expected { get; }

        public void Dispose() => Dir.Dispose();
    }

    [Fact]
    public void StoredArchiveIsByteIdenticalToSavez()
    {
        var output = sources.Dir.File("ours-stored.npz");
        WriteAll(output, ArrayWriteOptions.Default, seekable: true);
        Assert.Equal(File.ReadAllBytes(sources.Dir.File("ref.npz")), File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void NumPyLoadsWhatWeWriteAndZipfileFindsNoBadMember(bool compress, bool seekable)
    {
        var output = sources.Dir.File($"ours-{compress}-{seekable}.npz");
        WriteAll(output, new ArrayWriteOptions { Compress = compress }, seekable);
        var seen = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy(output), sources.Dir.Path))!;
        Assert.Equal(sources.Names, seen.Keys);
        foreach (var name in sources.Names)
        {
            Assert.Equal(sources.Expected[name].ToString(), seen[name].ToString());
        }

        using var reader = NpzTest.Open(output);
        Assert.All(reader.Entries, e => Assert.Equal(compress, e.Compressed));
    }

    [Fact]
    public void NonAsciiNamesCarryTheUtf8Flag()
    {
        var output = sources.Dir.File("ours-flags.npz");
        WriteAll(output, ArrayWriteOptions.Default, seekable: true);
        var flags = NumPy.Run(
            $"import zipfile\nprint(json.dumps(dict((i.filename, i.flag_bits) for i in zipfile.ZipFile({NpzTest.Py(output)}).infolist())))",
            sources.Dir.Path);
        var byName = JsonSerializer.Deserialize<Dictionary<string, int>>(flags)!;
        Assert.Equal(0x800, byName["été.npy"]);
        Assert.Equal(0, byName["f8.npy"]);
    }

    [Fact]
    public void EmptyArchiveMatchesNumPysAndReadsAsEmpty()
    {
        var output = sources.Dir.File("ours-empty.npz");
        using (var stream = File.Create(output))
        using (var writer = NpzTest.Format.CreateWriter(stream, ArrayWriteOptions.Default))
        {
            writer.Complete();
        }

        Assert.Equal(File.ReadAllBytes(sources.Dir.File("empty.npz")), File.ReadAllBytes(output));
        Assert.Equal("0", NumPy.Run($"print(len(np.load({NpzTest.Py(output)}).files))", sources.Dir.Path).Trim());
        using var reader = NpzTest.Open(sources.Dir.File("empty.npz"));
        Assert.Empty(reader.Entries);
        Assert.Equal("npz", NpzTest.Files.Inspect(sources.Dir.File("empty.npz")).Format.Name);
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(64, true)]
    [InlineData(4096, true)]
    [InlineData(4096, false)]
    public void AlignedStoredMembersStartOnTheBoundaryAndNumPyLoadsThem(int alignment, bool seekable)
    {
        var output = sources.Dir.File($"ours-aligned-{alignment}-{seekable}.npz");
        WriteAll(output, new ArrayWriteOptions { Alignment = alignment }, seekable);
        var seen = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy(output), sources.Dir.Path))!;
        Assert.Equal(sources.Names, seen.Keys);
        foreach (var name in sources.Names)
        {
            Assert.Equal(sources.Expected[name].ToString(), seen[name].ToString());
        }

        // Where zipfile and the NPY header say each member's data starts, and the local headers' extra fields.
        var offsets = DataOffsetsByPython(output);
        using var reader = NpzTest.Open(output);
        Assert.Equal(sources.Names, reader.Entries.Select(e => e.Name));
        foreach (var entry in reader.Entries)
        {
            var data = Assert.NotNull(entry.Data);
            Assert.Equal(offsets[entry.Name].Offset, data.Offset);
            Assert.Equal(0, data.Offset % alignment);

            // NumPy's forced Zip64 extra stays first; the padding follows as Android's alignment field (or is not
            // needed when the data happens to be aligned already).
            Assert.Equal(1, offsets[entry.Name].Extras[0]);
            Assert.True(offsets[entry.Name].Extras.Count == 1 || offsets[entry.Name].Extras[1] == 0xD935, entry.Name);
        }

        Assert.Equal(sources.Names.Select(n => NpzTest.Sha256(ReadAll(sources.Dir.File("ref.npz"), n))),
            sources.Names.Select(n => NpzTest.Sha256(ReadAll(output, n))));
    }

    [Fact]
    public void AlignmentOfOneIsByteIdenticalToSavez()
    {
        var output = sources.Dir.File("ours-aligned-1.npz");
        WriteAll(output, new ArrayWriteOptions { Alignment = 1 }, seekable: true);
        Assert.Equal(File.ReadAllBytes(sources.Dir.File("ref.npz")), File.ReadAllBytes(output));
    }

    [Fact]
    public void DeflatedMembersAreNotPadded()
    {
        var plain = sources.Dir.File("ours-deflated.npz");
        var aligned = sources.Dir.File("ours-deflated-aligned.npz");
        WriteAll(plain, new ArrayWriteOptions { Compress = true }, seekable: true);
        WriteAll(aligned, new ArrayWriteOptions { Compress = true, Alignment = 4096 }, seekable: true);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(aligned));
        using var reader = NpzTest.Open(aligned);
        Assert.All(reader.Entries, e => Assert.Null(e.Data));
    }

    [Fact]
    public void SixtyFourKiBAlignmentBeyondTheExtraFieldsRoomLeavesAGapBeforeTheLocalHeader()
    {
        // The first member's data lands on 65,536; after its 65,363 bytes the second member's data would need
        // 65,526 bytes of padding, more than a local header's extra fields can hold (65,535 with the Zip64 field):
        // the 11 bytes over go before its local header (the central directory points past them), and its data
        // lands on the next boundary but one.
        var output = sources.Dir.File("ours-aligned-64k.npz");
        using (var stream = File.Create(output))
        using (var writer = NpzTest.Format.CreateWriter(stream, new ArrayWriteOptions { Alignment = 65536 }))
        {
            foreach (var (name, count) in new[] { ("a", 65_363), ("b", 1000), ("c", 5) })
            {
                using var sink = writer.BeginArray(name, ArrayHeader.Create(DType.UInt8, count));
                sink.Write(Enumerable.Range(0, count).Select(i => (byte)(i * 7)).ToArray());
                sink.Complete();
            }

            writer.Complete();
        }

        var offsets = DataOffsetsByPython(output);
        using var reader = NpzTest.Open(output);
        Assert.Equal([65536L, 3 * 65536L, 4 * 65536L], reader.Entries.Select(e => e.Data!.Value.Offset));
        Assert.Equal([65536L, 3 * 65536L, 4 * 65536L], new[] { "a", "b", "c" }.Select(n => offsets[n].Offset));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)), ReadAll(output, "b"));
        Assert.Equal("True", NumPy.Run($$"""
            z = np.load({{NpzTest.Py(output)}})
            print(all(np.array_equal(z[k], (np.arange(n) * 7).astype('u1')) for k, n in (('a', 65363), ('b', 1000), ('c', 5))))
            """, sources.Dir.Path).Trim());
    }

    [Fact]
    public async Task AnAlignedEditAlignsCopiedAndNewStoredMembers()
    {
        var output = sources.Dir.File("ours-edited-aligned.npz");
        File.Copy(sources.Dir.File("ref.npz"), output, overwrite: true);
        using (var added = NpzTest.Files.Read(sources.Dir.File(Path.Combine("src", "m0.npy"))))
        {
            await NpzTest.Files.SetMembersAsync(output, [new("added", added)], new WriteRequest { Alignment = 4096 });
        }

        var offsets = DataOffsetsByPython(output);
        Assert.Equal([.. sources.Names, "added"], offsets.Keys);
        Assert.All(offsets.Values, o => Assert.Equal(0, o.Offset % 4096));
        using var reader = NpzTest.Open(output);
        Assert.Equal(offsets.Values.Select(o => o.Offset), reader.Entries.Select(e => e.Data!.Value.Offset));
        Assert.Equal(sources.Names.Select(n => NpzTest.Sha256(ReadAll(sources.Dir.File("ref.npz"), n))),
            sources.Names.Select(n => NpzTest.Sha256(ReadAll(output, n))));
        Assert.Equal("[] True", NumPy.Run($$"""
            a, z = np.load('ref.npz'), np.load({{NpzTest.Py(output)}})
            print([k for k in a.files if a[k].tobytes() != z[k].tobytes() or a[k].dtype != z[k].dtype], np.array_equal(z['added'], a['f8']))
            """, sources.Dir.Path).Trim());
    }

    private static byte[] ReadAll(string path, string name)
    {
        using var reader = NpzTest.Open(path);
        return NpzTest.ReadAll(reader, name);
    }

    // Each member's array data offset as zipfile and the NPY header give it (local header offset + local header
    // length + NPY preamble length), after zipfile's testzip; and the IDs of its local header's extra fields.
    private Dictionary<string, (long Offset, List<int> Extras)> DataOffsetsByPython(string file)
    {
        var json = NumPy.Run($$"""
            import zipfile, struct
            out = {}
            with zipfile.ZipFile({{NpzTest.Py(file)}}) as z, open({{NpzTest.Py(file)}}, 'rb') as f:
                assert z.testzip() is None, 'testzip found a bad member'
                for i in z.infolist():
                    f.seek(i.header_offset)
                    local = f.read(30)
                    assert local[:4] == b'PK\x03\x04'
                    name_length, extra_length = struct.unpack('<HH', local[26:30])
                    f.seek(name_length, 1)
                    extra = f.read(extra_length)
                    ids, at = [], 0
                    while at < len(extra):
                        hid, size = struct.unpack('<HH', extra[at:at + 4])
                        ids.append(hid)
                        at += 4 + size
                    assert at == len(extra), 'extra fields do not add up'
                    start = f.tell()
                    version = np.lib.format.read_magic(f)
                    np.lib.format._read_array_header(f, version)
                    out[i.filename[:-4]] = dict(offset=f.tell(), ids=ids)
            print(json.dumps(out))
            """, sources.Dir.Path);
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(
            p => p.Key,
            p => (p.Value.GetProperty("offset").GetInt64(), p.Value.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToList()));
    }

    // Writes the NumPy-made arrays in NumPy's member order: keyword names, then positional (null) ones.
    private void WriteAll(string output, ArrayWriteOptions options, bool seekable)
    {
        using var file = File.Create(output);
        using var stream = seekable ? (Stream)file : new ForwardOnlyStream(file);
        using var writer = NpzTest.Format.CreateWriter(stream, options);
        for (var i = 0; i < sources.Names.Count; i++)
        {
            using var array = NpzTest.Files.Read(sources.Dir.File(Path.Combine("src", $"m{i}.npy")));
            var name = sources.Names[i];
            using var sink = writer.BeginArray(name.StartsWith("arr_", StringComparison.Ordinal) ? null : name, array.Header);
            var bytes = array.GetBytes();

            // Odd-sized writes, as a streaming caller might make them.
            for (var at = 0; at < bytes.Length; at += 100_003)
            {
                sink.Write(bytes.Slice(at, Math.Min(100_003, bytes.Length - at)));
            }

            sink.Complete();
        }

        writer.Complete();
    }
}

/// <summary>A write-only stream that cannot seek or tell its position, like a pipe.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
}
