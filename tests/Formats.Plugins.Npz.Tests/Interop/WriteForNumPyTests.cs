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
