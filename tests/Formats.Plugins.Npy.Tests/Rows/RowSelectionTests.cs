using System.Text.Json;
using Formats.Plugins.Npy.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.Rows;

/// <summary>
/// Row selection along axis 0 with Python slice semantics: the rows read, and a conversion of them, equal NumPy's
/// a[start:stop] and np.save(a[start:stop]) byte for byte; only the selected bytes are read.
/// </summary>
public sealed class RowSelectionTests(RowCorpus corpus) : IClassFixture<RowCorpus>
{
    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, RowCorpus.Cases.Count)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void ReadReturnsExactlyTheSlicedRows(int index)
    {
        var (array, slice) = RowCorpus.Cases[index];
        var (start, stop) = RowRange.ParseSlice(slice);
        var expected = corpus.Expected[index];

        using var rows = corpus.Files.Read(corpus.Base(array), new ReadRequest { RowStart = start, RowStop = stop });

        Assert.Equal(expected.Shape, rows.Shape.ToString());
        Assert.Equal(expected.Data, rows.GetBytes().ToArray());
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public async Task ConvertingRowsWritesWhatNpSaveWritesForTheSlice(int index)
    {
        var (array, slice) = RowCorpus.Cases[index];
        var (start, stop) = RowRange.ParseSlice(slice);
        using var dir = new TempDir();
        var output = dir.File("rows.npy");

        await corpus.Files.ConvertAsync(corpus.Base(array), output, new ReadRequest { RowStart = start, RowStop = stop });

        Assert.Equal(File.ReadAllBytes(corpus.Slice(index)), File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData(500, 510)]
    [InlineData(0, 1)]
    [InlineData(999, 1000)]
    [InlineData(0, 1000)]
    public void OnlyTheSelectedRowsAreRead(long start, long stop)
    {
        const int rowBytes = 16 * 8;
        using var counting = new CountingStream(File.OpenRead(corpus.Base("wide")));
        using var reader = new NpyFormat().CreateReader(counting, ArrayReadOptions.Default);
        var dataOffset = reader.Entries[0].Data!.Value.Offset;
        Assert.Equal(counting.BytesRead, dataOffset); // the header, and nothing past it

        using var data = reader.OpenData(rows: new RowRange(start, stop));
        var bytes = new byte[data.Length];
        data.ReadExactly(bytes);

        var selected = (stop - start) * rowBytes;
        Assert.Equal(selected, bytes.Length);
        Assert.True(counting.BytesRead <= dataOffset + selected, $"read {counting.BytesRead} bytes for {dataOffset} + {selected}");
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        Assert.Equal(Enumerable.Range((int)start * 16, (int)(stop - start) * 16).Select(i => (double)i), values);
    }

    [Fact]
    public void RowsOfAnUnseekableStreamAreReachedBySkipping()
    {
        using var stream = new UnseekableStream(File.OpenRead(corpus.Base("wide")));
        using var reader = new NpyFormat().CreateReader(stream, ArrayReadOptions.Default);

        using var data = reader.OpenData(rows: new RowRange(998, 1000));
        var bytes = new byte[data.Length];
        data.ReadExactly(bytes);

        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        Assert.Equal(Enumerable.Range(998 * 16, 32).Select(i => (double)i), values);
        Assert.Throws<InvalidOperationException>(() => reader.OpenData());
    }

    [Fact]
    public void AllRowsOfAFortranArrayKeepItsOrder()
    {
        using var all = corpus.Files.Read(corpus.Base("fortran"), new ReadRequest { RowStart = 0, RowStop = 3 });
        using var plain = corpus.Files.Read(corpus.Base("fortran"));
        Assert.Equal(ArrayOrder.Fortran, all.Order);
        Assert.Equal(plain.GetBytes().ToArray(), all.GetBytes().ToArray());
    }

    [Fact]
    public void RowsOfA0dArrayAreRefused()
    {
        var path = corpus.Base("scalar");
        var e = Assert.Throws<ArrayFormatException>(() => corpus.Files.Read(path, new ReadRequest { RowStop = 1 }));
        Assert.Equal(path + ": a 0-d array has no rows to select", e.Message);
    }

    [Fact]
    public void AReaderRefusesRowsOutsideTheArray()
    {
        using var stream = File.OpenRead(corpus.Base("matrix"));
        using var reader = new NpyFormat().CreateReader(stream, ArrayReadOptions.Default);

        var e = Assert.Throws<ArrayFormatException>(() => reader.OpenData(rows: new RowRange(8, 11)));

        Assert.Equal("rows [8, 11) are outside the array's 10 rows", e.Problem);
    }
}

/// <summary>Base arrays and np.save of every slice, from one NumPy run.</summary>
public sealed class RowCorpus : IDisposable
{
    public static IReadOnlyList<(string Array, string Slice)> Cases { get; } =
    [
        ("matrix", "2:5"), ("matrix", ":3"), ("matrix", "7:"), ("matrix", ":"), ("matrix", "-3:"), ("matrix", "-5:-2"),
        ("matrix", "5:2"), ("matrix", "0:0"), ("matrix", "100:200"), ("matrix", "-100:2"), ("matrix", "3:-1"), ("matrix", "-1:"),
        ("matrix", "9:10"), ("matrix", "-10:-9"),
        ("vector", "4:9"), ("vector", "-2:"), ("vector", ":-11"),
        ("records", "1:3"), ("records", "-1:"),
        ("cube", "1:2"), ("cube", ":-1"),
        ("bigendian", "2:4"),
        ("unicode", "1:"),
        ("empty_rows", ":"), ("empty_rows", "1:2"),
        ("fortran", "1:3"), ("fortran", "0:1"), ("fortran", "-1:"), ("fortran", "2:2"),
        ("fortran3d", "1:4"), ("fortran3d", "2:3"), ("fortran3d", "-2:"),
        ("fortran_wide", "17:1983"),
    ];

    private const string Script = """
        import warnings
        warnings.simplefilter('ignore')
        base = {
            'matrix': np.arange(30, dtype='<i4').reshape(10, 3),
            'vector': np.linspace(0, 1, 12),
            'records': np.array([(i, b'r%d' % i, i / 2) for i in range(5)], dtype=[('i', '<i2'), ('s', 'S3'), ('f', '>f4')]),
            'cube': np.arange(24, dtype='u1').reshape(3, 2, 4),
            'bigendian': np.arange(12, dtype='>i8').reshape(6, 2),
            'unicode': np.array(['a', '\u00e9t\u00e9', '\U0001F600'], dtype='<U3'),
            'empty_rows': np.zeros((0, 4), '<f4'),
            'wide': np.arange(16000, dtype='<f8').reshape(1000, 16),
            'fortran': np.asfortranarray(np.arange(12, dtype='<i4').reshape(3, 4)),
            'fortran3d': np.asfortranarray(np.arange(60, dtype='>i2').reshape(5, 3, 4)),
            'fortran_wide': np.asfortranarray(np.arange(2000 * 300, dtype='<f4').reshape(2000, 300)),
            'scalar': np.array(2.5),
        }
        for name, a in base.items():
            np.save('base_%s.npy' % name, a)
        out = []
        for i, (name, sl) in enumerate(json.load(open('rows.json'))):
            s = eval('base[name][%s]' % sl)
            np.save('slice_%d.npy' % i, s)
            out.append({'shape': repr(s.shape), 'data': s.tobytes().hex()})
        print(json.dumps(out))
        """;

    public RowCorpus()
    {
        File.WriteAllText(Dir.File("rows.json"), JsonSerializer.Serialize(Cases.Select(c => new[] { c.Array, c.Slice })));
        using var json = JsonDocument.Parse(NumPy.Run(Script, Dir.Path));
        Expected = [.. json.RootElement.EnumerateArray().Select(e =>
            (e.GetProperty("shape").GetString()!, Convert.FromHexString(e.GetProperty("data").GetString()!)))];
    }

    public TempDir Dir { get; } = new();

    public ArrayFiles Files { get; } = TestServices.Files();

    public IReadOnlyList<(string Shape, byte[] Data)> Expected { get; }

    public string Base(string name) => Dir.File($"base_{name}.npy");

    public string Slice(int index) => Dir.File($"slice_{index}.npy");

    public void Dispose() => Dir.Dispose();
}
