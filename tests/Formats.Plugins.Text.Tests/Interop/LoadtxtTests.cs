using Formats.Testing;

namespace Formats.Plugins.Text.Tests.Interop;

/// <summary>Every text file read is np.loadtxt's array: same dtype, shape and values (as np.save writes them).</summary>
public sealed class LoadtxtTests(TextCorpus corpus) : IClassFixture<TextCorpus>
{
    public static TheoryData<string> Names => [.. TextCorpus.Loadtxt.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ConvertingTextToNpyWritesWhatLoadtxtReturns(string name)
    {
        var c = TextCorpus.Loadtxt.Single(x => x.Name == name);
        var output = corpus.File($"ours_load_{name}.npy");

        await corpus.Files.ConvertAsync(corpus.File($"load_{name}.{c.Extension}"), output, Request(c.DType, c.SkipRows));

        Assert.Equal(File.ReadAllBytes(corpus.File($"load_{name}.npy")), File.ReadAllBytes(output));
    }

    [Fact]
    public async Task RowsOfATextFileAreThoseRowsOfLoadtxtsArray()
    {
        using var dir = new TempDir();
        var text = corpus.File("load_savetxt_roundtrip.csv");
        foreach (var (start, stop) in new (long?, long?)[] { (0, 1), (10, 20), (-3, null), (49, 50), (null, null) })
        {
            var output = dir.File($"rows_{start}_{stop}.npy");
            await corpus.Files.ConvertAsync(text, output, new ReadRequest { RowStart = start, RowStop = stop });
            var slice = $"{start?.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{stop?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            Assert.Equal("True", NumPy.Run($"a = np.loadtxt({System.Text.Json.JsonSerializer.Serialize(text)}, delimiter=',')[{slice}]\nb = np.load('{Path.GetFileName(output)}')\nprint(a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b))", dir.Path).Trim());
        }
    }

    [Fact]
    public void ReadGivesTheDTypeAndShapeLoadtxtGives()
    {
        using var array = corpus.Files.Read(corpus.File("load_int32.csv"), Request("int32", 0));
        Assert.Equal(DType.Int32, array.DType);
        Assert.Equal(new ArrayShape(2, 3), array.Shape);
        Assert.Equal([1, -2, 3, int.MaxValue, int.MinValue, 0], array.ToArray<int>());
    }

    private static ReadRequest Request(string dtype, int skipRows) => new ReadRequest().With(new TextReadOptions
    {
        DType = dtype switch
        {
            "float64" => DType.Float64,
            "float32" => DType.Float32,
            "float16" => DType.Float16,
            "int8" => DType.Int8,
            "int32" => DType.Int32,
            "int64" => DType.Int64,
            "uint8" => DType.UInt8,
            "uint64" => DType.UInt64,
            "bool" => DType.Bool,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
        },
        SkipRows = skipRows,
    });
}
