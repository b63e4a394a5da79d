using System.Text.Json;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Plugins.Raw.Tests.Interop;

/// <summary>
/// Raw buffers against NumPy's tofile/memmap: a raw file read with the caller's layout equals np.memmap with the
/// same dtype, offset, shape and order (converted to NPY it is byte-identical to np.save of that memmap), and what we
/// write as raw is what tofile writes (always C order).
/// </summary>
public sealed class RawInteropTests(RawCorpus corpus) : IClassFixture<RawCorpus>
{
    public static TheoryData<string> Names => [.. RawCorpus.Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ReadingWithALayoutMatchesNumPysMemmap(string name)
    {
        using var dir = new TempDir();
        var output = dir.File("from-raw.npy");

        await corpus.Files.ConvertAsync(corpus.Raw(name), output, new ReadRequest { Layout = RawCorpus.Layout(name) });

        Assert.Equal(File.ReadAllBytes(corpus.Npy(name)), File.ReadAllBytes(output));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadReturnsTheLayoutAndTheBytes(string name)
    {
        var layout = RawCorpus.Layout(name);

        using var raw = corpus.Files.Read(corpus.Raw(name), new ReadRequest { Layout = layout });
        using var npy = corpus.Files.Read(corpus.Npy(name));

        Assert.Equal(npy.DType, raw.DType);
        Assert.Equal(npy.Shape, raw.Shape);
        Assert.Equal(NpyOrder(npy), NpyOrder(raw));
        Assert.Equal(npy.GetBytes().ToArray(), raw.GetBytes().ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ConvertingToRawWritesWhatToFileWrites(string name)
    {
        using var dir = new TempDir();
        var output = dir.File("out.dat");

        await corpus.Files.ConvertAsync(corpus.Npy(name), output);

        Assert.Equal(File.ReadAllBytes(corpus.ToFile(name)), File.ReadAllBytes(output));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WritingAnArrayAsRawWritesWhatToFileWrites(string name)
    {
        using var dir = new TempDir();
        var output = dir.File("out.bin");
        using (var array = corpus.Files.Read(corpus.Npy(name)))
        {
            corpus.Files.Write(output, array);
        }

        Assert.Equal(File.ReadAllBytes(corpus.ToFile(name)), File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(-2, null)]
    [InlineData(null, 1)]
    public void RowsOfARawBufferAreTheSlicedRows(int? start, int? stop)
    {
        var layout = RawCorpus.Layout("be_i2_2d");
        using var all = corpus.Files.Read(corpus.Raw("be_i2_2d"), new ReadRequest { Layout = layout });
        var range = RowRange.Resolve(start, stop, all.Shape[0]);

        using var rows = corpus.Files.Read(corpus.Raw("be_i2_2d"), new ReadRequest { Layout = layout, RowStart = start, RowStop = stop });

        Assert.Equal(new ArrayShape(range.Count, 4), rows.Shape);
        Assert.Equal(all.GetBytes().Slice((int)range.Start * 8, (int)range.Count * 8).ToArray(), rows.GetBytes().ToArray());
    }

    [Theory]
    [InlineData("fortran_layout", 1, 2)]
    [InlineData("fortran_layout_3d", 0, 1)]
    public void RowsOfAFortranLayoutAreWhatNumPysMemmapSliceHolds(string name, long start, long stop)
    {
        var path = corpus.Raw(name);
        using var rows = corpus.Files.Read(path, new ReadRequest { Layout = RawCorpus.Layout(name), RowStart = start, RowStop = stop });
        var layout = RawCorpus.Layout(name);
        var shape = string.Join(", ", layout.Shape!.Dimensions.ToArray());
        var expected = NumPy.Run(
            $"m = np.memmap('{path}', dtype={RawCorpus.Descr(name)}, mode='r', offset={layout.Offset}, shape=({shape},), order='F')[{start}:{stop}]; print(','.join(map(str, m.shape)), m.tobytes().hex())",
            Path.GetDirectoryName(path)!).Trim().Split(' ');
        Assert.Equal(ArrayOrder.C, rows.Order);
        Assert.Equal(expected[0], string.Join(",", rows.Shape.Dimensions.ToArray()));
        Assert.Equal(expected[1], Convert.ToHexString(rows.GetBytes()).ToLowerInvariant());
    }

    [Fact]
    public void AnUnseekableRawInputNeedsAShape()
    {
        using var input = new UnseekableStream(new MemoryStream(new byte[8]));
        var e = Assert.Throws<LayoutRequiredException>(
            () => new RawFormat().CreateReader(input, ArrayReadOptions.Default.With(new RawLayout(DType.Float32))));
        Assert.Equal(RawLayoutPart.Shape, e.Missing);
        Assert.Equal("the length of an unseekable raw input is unknown: give its shape", e.Problem);
    }

    [Fact]
    public void AnUnseekableRawInputCannotInferAMinusOne()
    {
        using var input = new UnseekableStream(new MemoryStream(new byte[8]));
        var e = Assert.Throws<LayoutRequiredException>(
            () => new RawFormat().CreateReader(input, ArrayReadOptions.Default.With(new RawLayout(DType.Float32).WithShape(-1, 2))));
        Assert.Equal(RawLayoutPart.Shape, e.Missing);
        Assert.Equal("the length of an unseekable raw input is unknown: give its shape without -1", e.Problem);
    }

    [Fact]
    public void AnUnseekableRawInputWithAShapeAndOffsetIsRead()
    {
        byte[] bytes = [9, 9, 9, 1, 0, 2, 0, 3, 0];
        using var input = new UnseekableStream(new MemoryStream(bytes));
        using var reader = new RawFormat().CreateReader(input, ArrayReadOptions.Default.With(new RawLayout(DType.Int16, new ArrayShape(3), 3)));
        using var data = reader.OpenData();
        var got = new byte[data.Length];

        data.ReadExactly(got);

        Assert.Equal(bytes[3..], got);
    }

    private static ArrayOrder NpyOrder(NDArray a) =>
        a.Order == ArrayOrder.Fortran && a.Shape.Count(d => d > 1) > 1 ? ArrayOrder.Fortran : ArrayOrder.C;

    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Raw files written with tofile (after an optional prefix), np.save of the matching memmap, and tofile of that.</summary>
public sealed class RawCorpus : IDisposable
{
    public static IReadOnlyList<(string Name, string Python, string Descr, long[]? Shape, long Offset, ArrayOrder Order)> Cases { get; } =
    [
        ("f4_1d", "np.linspace(0, 1, 7, dtype='<f4')", "'<f4'", null, 0, ArrayOrder.C),
        ("be_i2_2d", "np.arange(12, dtype='>i2').reshape(3, 4)", "'>i2'", [3, 4], 0, ArrayOrder.C),
        ("records", "np.array([(i, b'r%d' % i) for i in range(5)], dtype=[('a', '<i4'), ('b', 'S2')])",
            "[('a', '<i4'), ('b', '|S2')]", null, 0, ArrayOrder.C),
        ("unicode_offset", "np.array(['\\u00e9t\\u00e9', 'x'], dtype='<U3')", "'<U3'", null, 16, ArrayOrder.C),
        ("c16_offset_3d", "np.arange(24).astype('<c16').reshape(2, 3, 4) * (1 + 1j)", "'<c16'", [2, 3, 4], 5, ArrayOrder.C),
        ("fortran_layout", "np.arange(6, dtype='<i4')", "'<i4'", [2, 3], 0, ArrayOrder.Fortran),
        ("fortran_layout_3d", "np.arange(24, dtype='>f8')", "'>f8'", [2, 3, 4], 8, ArrayOrder.Fortran),
        ("datetime", "np.array(['2020-01-01', 'NaT'], dtype='<M8[D]')", "'<M8[D]'", null, 0, ArrayOrder.C),
    ];

    private const string Script = """
        import ast
        from numpy.lib import format as fmt
        for name, expr, descr, shape, offset, order in json.load(open('raw.json')):
            a = eval(expr)
            with open('raw_%s.dat' % name, 'wb') as f:
                f.write(b'\xab' * offset)
                a.tofile(f)
            m = np.memmap('raw_%s.dat' % name, dtype=fmt.descr_to_dtype(ast.literal_eval(descr)), mode='r', offset=offset,
                          shape=None if shape is None else tuple(shape), order=order)
            np.save('np_%s.npy' % name, m)
            np.load('np_%s.npy' % name).tofile('tofile_%s.dat' % name)
        """;

    public RawCorpus()
    {
        var spec = Cases.Select(c => new object?[] { c.Name, c.Python, c.Descr, c.Shape, c.Offset, c.Order == ArrayOrder.C ? "C" : "F" });
        File.WriteAllText(Dir.File("raw.json"), JsonSerializer.Serialize(spec));
        NumPy.Run(Script, Dir.Path);
    }

    public TempDir Dir { get; } = new();

    public ArrayFiles Files { get; } = TestServices.Files();

    public static RawLayout Layout(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        return new RawLayout(DTypeDescr.Parse(c.Descr), c.Shape is null ? null : new ArrayShape(c.Shape), c.Offset, c.Order);
    }

    public static string Descr(string name) => Cases.Single(x => x.Name == name).Descr;

    public string Raw(string name) => Dir.File($"raw_{name}.dat");

    public string Npy(string name) => Dir.File($"np_{name}.npy");

    public string ToFile(string name) => Dir.File($"tofile_{name}.dat");

    public void Dispose() => Dir.Dispose();
}
