using System.Numerics;
using Formats.Numpy;

namespace Formats.Plugins.Npy.Tests.Interop;

/// <summary>
/// The real NumPy against us, for every dtype family, order, rank and header version:
/// (a) NumPy writes, we read the same dtype, shape, order and bytes;
/// (b) we write, NumPy loads an equal array;
/// (c) our file is byte-identical to np.save's.
/// </summary>
public sealed class NumPyInteropTests(NumPyCorpus corpus) : IClassFixture<NumPyCorpus>
{
    [Theory]
    [MemberData(nameof(InteropCases.Names), MemberType = typeof(InteropCases))]
    public void ReadsWhatNumPyWrites(string name)
    {
        var expected = corpus.Expected[name];
        var path = corpus.NumPyFile(name);
        var request = NumPyCorpus.RequestFor(name);

        using var array = corpus.Files.Read(path, request);

        Assert.Equal(expected.Descr, array.DType.ToString());
        Assert.Equal(expected.Shape, array.Shape.ToString());
        Assert.Equal(expected.Fortran ? ArrayOrder.Fortran : ArrayOrder.C, array.Order);
        Assert.Equal(expected.Data, array.GetBytes().ToArray());
        Assert.Equal(DTypeDescr.Parse(expected.Descr), array.DType);
        Assert.Equal(expected.Version, corpus.Files.Inspect(path, request).Entries[0].Version);
    }

    [Theory]
    [MemberData(nameof(InteropCases.Names), MemberType = typeof(InteropCases))]
    public void NumPyLoadsWhatWeWrite(string name) => Assert.Equal("OK", corpus.Verdict(name));

    [Theory]
    [MemberData(nameof(InteropCases.Names), MemberType = typeof(InteropCases))]
    public void WritesTheBytesNpSaveWrites(string name)
    {
        var path = corpus.Dir.File($"bytes_{name}.npy");
        using (var array = corpus.Rebuild(name))
        {
            corpus.Files.Write(path, array);
        }

        Assert.Equal(File.ReadAllBytes(corpus.NumPyFile(name)), File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(InteropCases.Names), MemberType = typeof(InteropCases))]
    public async Task ConvertingNumPysFileStreamsItThroughByteForByte(string name)
    {
        var path = corpus.Dir.File($"copy_{name}.npy");

        var result = await corpus.Files.ConvertAsync(corpus.NumPyFile(name), path, NumPyCorpus.RequestFor(name));

        Assert.Equal(corpus.Expected[name].Data.Length, result.DataBytes);
        Assert.Equal(File.ReadAllBytes(corpus.NumPyFile(name)), File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(InteropCases.HandWrittenNames), MemberType = typeof(InteropCases))]
    public void ReadsAHandWrittenDescrAsNpLoadDoes(string name)
    {
        var expected = corpus.Expected[name];

        using var array = corpus.Files.Read(corpus.HandWrittenFile(name));

        Assert.Equal(expected.Descr, array.DType.ToString());
        Assert.Equal(DTypeDescr.Parse(expected.Descr), array.DType);
        Assert.Equal(expected.Shape, array.Shape.ToString());
        Assert.Equal(expected.Data, array.GetBytes().ToArray());
    }

    [Fact]
    public void NpLoadKeepsAnEmptyFieldNameAndNpSaveWritesItBack()
    {
        // Only np.dtype's list form renames '' to f0, f1, ...; np.load's descr_to_dtype keeps ''.
        Assert.Equal("[('', '<i4'), ('b', '<f8')]", corpus.Expected["struct_empty_name"].Descr);
        Assert.Equal("[('', '|V8'), ('a', '<i4')]", corpus.Expected["struct_empty_name_subarray_is_padding"].Descr);
        Assert.Equal(["", "b"], DTypeDescr.Parse(corpus.Expected["struct_empty_name"].Descr).Fields.Select(f => f.Name));
    }

    [Theory]
    [InlineData("longdouble")]
    [InlineData("be_longdouble")]
    [InlineData("clongdouble")]
    public void TypedAccessToALongDoubleIsRefused(string name)
    {
        using var array = corpus.Files.Read(corpus.NumPyFile(name));

        Assert.True(array.DType.IsLongDouble);
        var e = Assert.Throws<UnsupportedArrayException>(() => array.ToArray<double>());
        Assert.Contains("long double", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypedNames))]
    public void TypedArraysAreWrittenAsNpSaveWritesThem(string name)
    {
        var path = corpus.Dir.File($"typed_{name}.npy");
        using (var array = BuildTyped(name))
        {
            corpus.Files.Write(path, array);
        }

        Assert.Equal(File.ReadAllBytes(corpus.NumPyFile(name)), File.ReadAllBytes(path));
    }

    [Fact]
    public void LargeHeaderIsRefusedWithoutARaisedLimit()
    {
        var path = corpus.NumPyFile("header_v2");
        var e = Assert.Throws<MalformedArrayException>(() => corpus.Files.Read(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds the limit of 10000", e.Problem, StringComparison.Ordinal);
    }

    public static TheoryData<string> TypedNames => [.. InteropCases.Typed.Select(c => c.Name)];

    private static NDArray BuildTyped(string name) => name switch
    {
        "typed_bool" => NDArray.FromValues<bool>([true, false, true]),
        "typed_int64_2x3" => NDArray.FromValues<long>([-3, -2, -1, 0, 1, 2], [2, 3]),
        "typed_half" => NDArray.FromValues<Half>([(Half)1.5, (Half)(-0.0), (Half)65504]),
        "typed_complex64" => NDArray.FromValues<ComplexFloat>([new(1, 2), new(-3, -4)]),
        "typed_complex128" => NDArray.FromValues<Complex>([new(1, 2), new(-3, -4)]),
        "typed_fortran_double" => NDArray.FromValues<double>([0, 3, 1, 4, 2, 5], [2, 3], ArrayOrder.Fortran),
        "typed_uint16_0d" => NDArray.FromValues<ushort>([42], []),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
