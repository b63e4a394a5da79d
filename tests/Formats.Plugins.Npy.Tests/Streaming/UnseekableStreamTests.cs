using System.Text.Json;
using Formats.Numpy;
using Formats.Plugins.Npy.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.Streaming;

/// <summary>
/// The streaming contract over streams that cannot seek (pipes, sockets): writing in small chunks produces np.save's
/// bytes, reading in small chunks yields NumPy's data, and data that ends early is an error, not a short read.
/// </summary>
public sealed class UnseekableStreamTests(StreamingCorpus corpus) : IClassFixture<StreamingCorpus>
{
    public static TheoryData<string> Names => [.. StreamingCorpus.Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void WritingInChunksToAnUnseekableStreamGivesNpSaveBytes(string name)
    {
        var expected = corpus.Expected[name];
        var header = new ArrayHeader(DTypeDescr.Parse(expected.Descr), ArrayShape.Parse(expected.Shape),
            expected.Fortran ? ArrayOrder.Fortran : ArrayOrder.C);
        var memory = new MemoryStream();

        using (var output = new UnseekableStream(memory)) // MemoryStream.ToArray works after disposal
        using (var writer = new NpyFormat().CreateWriter(output, ArrayWriteOptions.Default))
        {
            using var sink = writer.BeginArray(null, header);
            foreach (var piece in expected.Data.Chunk(7))
            {
                sink.Write(piece);
            }

            sink.Complete();
            writer.Complete();
        }

        Assert.Equal(File.ReadAllBytes(corpus.PathOf(name)), memory.ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadingInChunksFromAnUnseekableStreamGivesNumPysData(string name)
    {
        var expected = corpus.Expected[name];
        using var input = new UnseekableStream(File.OpenRead(corpus.PathOf(name)));
        using var reader = new NpyFormat().CreateReader(input, ArrayReadOptions.Default);

        Assert.Equal(expected.Descr, reader.Entries[0].Header.DType.ToString());
        Assert.Equal(expected.Shape, reader.Entries[0].Header.Shape.ToString());
        using var data = reader.OpenData();
        var got = new List<byte>();
        var buffer = new byte[5];
        int n;
        while ((n = data.Read(buffer)) > 0)
        {
            got.AddRange(buffer.AsSpan(0, n));
        }

        Assert.Equal(expected.Data, got);
    }

    [Fact]
    public void DataEndingEarlyOnAnUnseekableStreamIsAnError()
    {
        var bytes = File.ReadAllBytes(corpus.PathOf("matrix"));
        using var input = new UnseekableStream(new MemoryStream(bytes[..^5]));
        using var reader = new NpyFormat().CreateReader(input, ArrayReadOptions.Default);
        using var data = reader.OpenData();

        var e = Assert.Throws<MalformedArrayException>(() => data.ReadExactly(new byte[data.Length]));

        Assert.Contains("data is truncated: 5 of", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWriteStreamHoldsTheWriterToTheDeclaredSize()
    {
        var header = ArrayHeader.Create(DType.Int32, 2);
        using var writer = new NpyFormat().CreateWriter(new UnseekableStream(new MemoryStream()), ArrayWriteOptions.Default);
        using var sink = writer.BeginArray(null, header);

        sink.Write(new byte[4]);
        Assert.Throws<InvalidOperationException>(sink.Complete);
        Assert.Throws<InvalidOperationException>(writer.Complete);
        Assert.Throws<InvalidOperationException>(() => sink.Write(new byte[5]));
        sink.Write(new byte[4]);
        sink.Complete();
        Assert.Throws<ArrayFormatException>(() => writer.BeginArray(null, header));
        writer.Complete();
    }
}

/// <summary>A few arrays saved by NumPy, with their descr, shape, order and bytes.</summary>
public sealed class StreamingCorpus : IDisposable
{
    public static IReadOnlyList<(string Name, string Python)> Cases { get; } =
    [
        ("matrix", "np.arange(60, dtype='<f8').reshape(10, 6)"),
        ("records", "np.array([(i, 'x%d' % i, [i, -i]) for i in range(9)], dtype=[('i', '>i4'), ('u', '<U3'), ('v', '<i2', (2,))])"),
        ("fortran", "np.asfortranarray(np.arange(24, dtype='<u2').reshape(2, 3, 4))"),
        ("scalar", "np.array(1 + 2j, dtype='>c16')"),
        ("empty", "np.zeros((0, 5), '|b1')"),
    ];

    private const string Script = """
        from numpy.lib import format as fmt
        out = {}
        for name, expr in json.load(open('streaming.json')):
            a = eval(expr)
            np.save('%s.npy' % name, a)
            out[name] = {'descr': repr(fmt.dtype_to_descr(a.dtype)), 'shape': repr(a.shape),
                         'fortran': bool(a.flags.f_contiguous and not a.flags.c_contiguous), 'data': a.tobytes(order='A').hex()}
        print(json.dumps(out))
        """;

    public StreamingCorpus()
    {
        File.WriteAllText(Dir.File("streaming.json"), JsonSerializer.Serialize(Cases.Select(c => new[] { c.Name, c.Python })));
        using var json = JsonDocument.Parse(NumPy.Run(Script, Dir.Path));
        Expected = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => new Interop.NumPyArray(
            p.Value.GetProperty("descr").GetString()!, p.Value.GetProperty("shape").GetString()!, p.Value.GetProperty("fortran").GetBoolean(),
            Convert.FromHexString(p.Value.GetProperty("data").GetString()!), ""));
    }

    public TempDir Dir { get; } = new();

    public IReadOnlyDictionary<string, Interop.NumPyArray> Expected { get; }

    public string PathOf(string name) => Dir.File($"{name}.npy");

    public void Dispose() => Dir.Dispose();
}
