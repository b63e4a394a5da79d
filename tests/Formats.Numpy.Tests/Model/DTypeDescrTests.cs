using System.Text.Json;
using Formats.Testing;

namespace Formats.Numpy.Tests.Model;

/// <summary>DTypeDescr parses and formats descr text exactly as NumPy's descr_to_dtype and dtype_to_descr do.</summary>
public sealed class DTypeDescrTests
{
    [Theory]
    [InlineData("'|b1'")]
    [InlineData("'|i1'")]
    [InlineData("'<i2'")]
    [InlineData("'>i8'")]
    [InlineData("'|u1'")]
    [InlineData("'>u4'")]
    [InlineData("'<f2'")]
    [InlineData("'>f4'")]
    [InlineData("'<c8'")]
    [InlineData("'>c16'")]
    [InlineData("'<M8[ns]'")]
    [InlineData("'>M8[25s]'")]
    [InlineData("'<M8'")]
    [InlineData("'<m8[D]'")]
    [InlineData("'<m8'")]
    [InlineData("'<m8[2us]'")]
    [InlineData("'|S0'")]
    [InlineData("'|S10'")]
    [InlineData("'<U0'")]
    [InlineData("'>U8'")]
    [InlineData("'|V0'")]
    [InlineData("'|V16'")]
    [InlineData("[]")]
    [InlineData("[('a', '<i4')]")]
    [InlineData("[('a', '<i4'), ('', '|V4'), ('b', '>f8'), ('', '|V8')]")]
    [InlineData("[(('A title', 'a'), '<i4'), ('b', '>u2')]")]
    [InlineData("[('pos', [('x', '<f4'), ('y', '<f4')]), ('id', '<u2')]")]
    [InlineData("[('m', '<f4', (2, 3)), ('v', '|S2', (4,)), ('n', [('a', '<u2')], (2,))]")]
    [InlineData("[(\"it's\", '<i4'), ('say \"hi\"', '<i2'), ('both \\'\"', '|u1'), ('back\\\\slash', '|u1')]")]
    [InlineData("[('caf\u00e9', '<i4'), ('\\xa0', '|b1'), ('\u6e29', '<f4'), ('\\x01', '|i1')]")]
    [InlineData("[('a', '|S0'), ('b', '<i4'), ('c', '<U0')]")]
    [InlineData("'<f16'")]
    [InlineData("'>f16'")]
    [InlineData("'<c32'")]
    [InlineData("'>c32'")]
    [InlineData("'<f12'")]
    [InlineData("'>c24'")]
    [InlineData("[('x', '<f16'), ('y', '>c32', (2,)), ('z', '<f12')]")]
    [InlineData("[('', '<i4'), ('b', '<f8')]")]
    [InlineData("[('a', '<i4'), ('', '|V4'), ('', '<i2')]")]
    [InlineData("[(('t', ''), '<i4'), ('a', '<i4')]")]
    [InlineData("[('', [('x', '<i4')]), ('s', '|S2')]")]
    public void CanonicalDescrRoundTrips(string descr)
    {
        var dtype = DTypeDescr.Parse(descr);

        Assert.Equal(descr, dtype.ToString());
        Assert.Equal(dtype, DTypeDescr.Parse(dtype.ToString()));
    }

    [Theory]
    [InlineData("float64", "'<f8'")]
    [InlineData("int8", "'|i1'")]
    [InlineData("bool", "'|b1'")]
    [InlineData("'=i4'", "'<i4'")]
    [InlineData("'<b1'", "'|b1'")]
    [InlineData("'>i1'", "'|i1'")]
    [InlineData("'S'", "'|S0'")]
    [InlineData("'a5'", "'|S5'")]
    [InlineData("'d'", "'<f8'")]
    [InlineData("'>H'", "'>u2'")]
    [InlineData("'F'", "'<c8'")]
    [InlineData("'M8[us]'", "'<M8[us]'")]
    [InlineData("('<i4', ())", "'<i4'")]
    [InlineData("'<M8[generic]'", "'<M8'")]
    [InlineData("'<M8[25generic]'", "'<M8'")]
    [InlineData("'<M8[1s]'", "'<M8[s]'")]
    [InlineData("'<m8[01D]'", "'<m8[D]'")]
    [InlineData("'<M8[\u03bcs]'", "'<M8[us]'")]
    [InlineData("'>m8[0010ms]'", "'>m8[10ms]'")]
    [InlineData("[('pad', '<i2'), ('', '|V2')]", "[('pad', '<i2'), ('', '|V2')]")]
    [InlineData("('<i4', (2, 3))", "('<i4', (2, 3))")]
    [InlineData("float128", "'<f16'")]
    [InlineData("complex256", "'<c32'")]
    [InlineData("float96", "'<f12'")]
    [InlineData("'>f16'", "'>f16'")]
    [InlineData("[('', '<i4', (2,)), ('a', '<i4')]", "[('', '|V8'), ('a', '<i4')]")]
    [InlineData("[('', '|V0'), ('a', '<i4')]", "[('a', '<i4')]")]
    public void NonCanonicalDescrIsNormalisedAsNumPyDoes(string descr, string canonical)
    {
        Assert.True(BitConverter.IsLittleEndian, "the expectations assume a little-endian machine");
        Assert.Equal(canonical, DTypeDescr.Parse(descr).ToString());
    }

    [Fact]
    public void SimpleTypeStringsNormaliseAsNumPysDTypeStr()
    {
        string[] inputs =
        [
            "f8", "<f8", ">f8", "=f8", "|b1", "?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "p", "P", "e", "f", "d", "F", "D",
            "S", "S5", "a3", "c", "U", "U2", ">U2", "V", "V4", "M8", "m8", "M8[ns]", "M8[1s]", "m8[01D]", "M8[\u03bcs]", "M8[generic]",
            "M8[25generic]", "M8[7W]", ">m8[3h]", "M8[1000ms]", "M", "m", "m8[as]", "M8[Y]", "M8[M]", "int8", "uint16", "int32",
            "uint64", "float16", "float32", "complex64", "complex128", "bool", "datetime64", "timedelta64", "datetime64[ns]", ">i2",
            "f16", "<f16", ">f16", "c32", ">c32", "float128", "complex256",
        ];
        using var dir = new TempDir();
        File.WriteAllText(dir.File("types.json"), JsonSerializer.Serialize(inputs));
        var output = NumPy.Run("""
            import warnings
            warnings.simplefilter('ignore')
            print(json.dumps([repr(np.dtype(s).str) for s in json.load(open('types.json'))]))
            """, dir.Path);
        var numpy = JsonSerializer.Deserialize<string[]>(output)!;

        Assert.Equal(numpy, inputs.Select(s => DTypeDescr.Parse(s).ToString()));
    }

    [Fact]
    public void DateTimeUnitsAreNormalisedWhenBuiltThroughTheApi()
    {
        Assert.Equal(DType.DateTime64("s"), DType.DateTime64("1s"));
        Assert.Equal(DType.DateTime64(""), DType.DateTime64("generic"));
        Assert.Equal("'<m8[us]'", DType.TimeDelta64("\u03bcs", ByteOrder.Little).ToString());
        Assert.Throws<ArgumentException>(() => DType.DateTime64("fortnight"));
        Assert.Throws<ArgumentException>(() => DType.DateTime64("0s"));
    }

    [Fact]
    public void PaddingEntriesBecomeOffsetsAndItemSize()
    {
        var dtype = DTypeDescr.Parse("[('', '|V2'), ('a', '<i2'), ('', '|V4'), ('b', '>f8'), ('', '|V3')]");

        Assert.Equal(DTypeKind.Structured, dtype.Kind);
        Assert.Equal(19, dtype.ItemSize);
        Assert.Equal([("a", 2), ("b", 8)], dtype.Fields.Select(f => (f.Name, f.Offset)));
    }

    [Fact]
    public void LongDoublesAreOpaqueFloatsAndComplexOfTheirSize()
    {
        var f16 = DTypeDescr.Parse("'>f16'");
        var c32 = DTypeDescr.Parse("'<c32'");

        Assert.Equal((DTypeKind.Float, 16, ByteOrder.Big), (f16.Kind, f16.ItemSize, f16.ByteOrder));
        Assert.Equal((DTypeKind.Complex, 32, ByteOrder.Little), (c32.Kind, c32.ItemSize, c32.ByteOrder));
        Assert.True(f16.IsLongDouble && c32.IsLongDouble && DTypeDescr.Parse("'<f12'").IsLongDouble && DTypeDescr.Parse("'<c24'").IsLongDouble);
        Assert.False(DType.Float64.IsLongDouble || DType.Complex128.IsLongDouble || DType.Bytes(16).IsLongDouble);
        Assert.Equal(f16, DType.Primitive(DTypeKind.Float, 16, ByteOrder.Big));
        Assert.Equal("'<f16'", f16.ToNativeByteOrder().ToString());
    }

    [Theory]
    [InlineData("'g'", "'<f16'")]
    [InlineData("'G'", "'<c32'")]
    public void PlatformLongDoubleCodesAskForTheSize(string descr, string hint)
    {
        var e = Assert.Throws<UnsupportedArrayException>(() => DTypeDescr.Parse(descr));
        Assert.Contains("platform-defined size", e.Problem, StringComparison.Ordinal);
        Assert.Contains(hint, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFieldNamesReadAsNumPysDescrToDTypeReadsThem()
    {
        // np.load (descr_to_dtype) keeps a field named '' as '' (only np.dtype's list form renames it f0, f1, ...);
        // an entry named '' of unstructured void or subarray type is padding. np.save writes the loaded dtype back as below.
        string[] descrs =
        [
            "[('', '<i4'), ('b', '<f8')]",
            "[('b', '<f8'), ('', '<i4')]",
            "[('', '<i4'), ('f0', '<f8')]",
            "[('a', '<i4'), ('', '|V4'), ('', '<i2')]",
            "[('', '|V4'), ('', '<i4')]",
            "[('', '<i4', (2,)), ('a', '<i4')]",
            "[('', ('<i2', (3,))), ('a', '|u1')]",
            "[('', '|V0'), ('a', '<i4')]",
            "[(('t', ''), '<i4'), ('a', '<i4')]",
            "[('', [('x', '<i4'), ('', '<f16')]), ('s', '|S2')]",
            "[('', '<i4', ()), ('a', '<c32')]",
        ];
        using var dir = new TempDir();
        File.WriteAllText(dir.File("descrs.json"), JsonSerializer.Serialize(descrs));
        var output = NumPy.Run("""
            import ast
            from numpy.lib import format as fmt
            out = []
            for s in json.load(open('descrs.json')):
                dt = fmt.descr_to_dtype(ast.literal_eval(s))
                out.append([list(dt.names), [dt.fields[n][1] for n in dt.names], dt.itemsize, repr(fmt.dtype_to_descr(dt))])
            print(json.dumps(out))
            """, dir.Path);
        using var numpy = JsonDocument.Parse(output);

        for (var i = 0; i < descrs.Length; i++)
        {
            var expected = numpy.RootElement[i];
            var dtype = DTypeDescr.Parse(descrs[i]);
            Assert.Equal(expected[0].EnumerateArray().Select(n => n.GetString()), dtype.Fields.Select(f => f.Name));
            Assert.Equal(expected[1].EnumerateArray().Select(n => n.GetInt32()), dtype.Fields.Select(f => f.Offset));
            Assert.Equal(expected[2].GetInt32(), dtype.ItemSize);
            Assert.Equal(expected[3].GetString(), dtype.ToString());
            Assert.Equal(dtype, DTypeDescr.Parse(dtype.ToString()));
        }
    }

    [Fact]
    public void OutOfOrderFieldsHaveNoDescrAsInNumPy()
    {
        // NumPy: "dtype.descr is not defined for types with overlapping or out-of-order fields" (np.save refuses too).
        var dtype = DType.Structured([new DTypeField("b", DType.Int32, 4), new DTypeField("a", DType.Int32, 0)], 8);

        var e = Assert.Throws<UnsupportedArrayException>(() => dtype.ToString());
        Assert.Contains("out-of-order", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingFieldsHaveNoDescr()
    {
        var dtype = DType.Structured([new DTypeField("a", DType.Int32, 0), new DTypeField("b", DType.Int32, 2)], 8);

        Assert.Throws<UnsupportedArrayException>(() => dtype.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("<")]
    [InlineData("'<x4'")]
    [InlineData("'<i4[ns]'")]
    [InlineData("'<M8[ns'")]
    [InlineData("'<M8[0s]'")]
    [InlineData("'<f4x'")]
    [InlineData("[('a',)]")]
    [InlineData("[('a', '<i4', 'x')]")]
    [InlineData("[('', '<i4'), ('', '<i2')]")]
    [InlineData("[(('t', 'a'), '<i4'), ('t', '<i2')]")]
    [InlineData("'<f10'")]
    [InlineData("'<c20'")]
    [InlineData("'<f32'")]
    [InlineData("'g'")]
    [InlineData("'>G'")]
    [InlineData("[('a', '|S0', (2,))]")]
    [InlineData("[('a', '<U0', (1,))]")]
    [InlineData("('|V0', (3,))")]
    public void MalformedDescrIsRefused(string descr)
    {
        Assert.ThrowsAny<ArrayFormatException>(() => DTypeDescr.Parse(descr));
    }

    [Fact]
    public void RandomStructuredDTypesRoundTripAndMatchNumPysDescr()
    {
        var random = new Random(20240611);
        var dtypes = Enumerable.Range(0, 300).Select(i => i % 10 == 0 ? RandomDTypes.Leaf(random) : RandomDTypes.Structured(random, 0)).ToList();
        var descrs = dtypes.Select(d => d.ToString()).ToList();

        for (var i = 0; i < dtypes.Count; i++)
        {
            Assert.Equal(dtypes[i], DTypeDescr.Parse(descrs[i]));
        }

        using var dir = new TempDir();
        File.WriteAllText(dir.File("descrs.json"), JsonSerializer.Serialize(descrs));
        var output = NumPy.Run("""
            import ast
            from numpy.lib import format as fmt
            out = []
            for s in json.load(open('descrs.json')):
                out.append(repr(fmt.dtype_to_descr(fmt.descr_to_dtype(ast.literal_eval(s)))))
            print(json.dumps(out))
            """, dir.Path);
        var numpy = JsonSerializer.Deserialize<List<string>>(output)!;

        Assert.Equal(descrs.Count, numpy.Count);
        for (var i = 0; i < descrs.Count; i++)
        {
            Assert.Equal(numpy[i], descrs[i]);
        }
    }
}

/// <summary>Seeded generators of every kind of dtype a descr can express.</summary>
internal static class RandomDTypes
{
    private static readonly string[] Names =
    [
        "a", "b", "x1", "long_field_name", "caf\u00e9", "\u65e5\u672c", "it's", "q\"uote", "both'\"", "back\\slash", "tab\there",
        "\U0001F600", "\u00a0nbsp", "ctrl\u0001", "\u200bzw", "Title", "t\u00eftle", "_", "A B",
    ];

    private static readonly string[] Units = ["", "Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "25s", "3D", "10ms"];

    public static DType Leaf(Random r)
    {
        ByteOrder Order() => r.Next(2) == 0 ? ByteOrder.Little : ByteOrder.Big;
        return r.Next(12) switch
        {
            0 => DType.Bool,
            1 => DType.Primitive(DTypeKind.Int, 1 << r.Next(4), Order()),
            2 => DType.Primitive(DTypeKind.UInt, 1 << r.Next(4), Order()),
            3 => DType.Primitive(DTypeKind.Float, 2 << r.Next(3), Order()),
            4 => DType.Primitive(DTypeKind.Complex, 8 << r.Next(2), Order()),
            5 => DType.DateTime64(Units[r.Next(Units.Length)], Order()),
            6 => DType.TimeDelta64(Units[r.Next(Units.Length)], Order()),
            7 => DType.Bytes(r.Next(0, 6)),
            8 => DType.Unicode(r.Next(0, 4), Order()),
            9 => DType.Void(r.Next(1, 6)),
            10 => r.Next(2) == 0 ? DType.Primitive(DTypeKind.Float, 16, Order()) : DType.Primitive(DTypeKind.Complex, 32, Order()),
            _ => DType.Primitive(DTypeKind.Float, 8, Order()),
        };
    }

    public static DType Structured(Random r, int depth)
    {
        var count = r.Next(0, 5);
        var pool = Names.OrderBy(_ => r.Next()).ToList();
        var fields = new List<DTypeField>();
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (r.Next(4) == 0)
            {
                offset += r.Next(1, 5); // a gap NumPy writes as ('', '|Vn')
            }

            var type = depth < 2 && r.Next(5) == 0 ? Structured(r, depth + 1) : Leaf(r);
            if (r.Next(5) == 0 && (type.ItemSize > 0 || type.Kind == DTypeKind.Structured))
            {
                type = DType.Subarray(type, [.. Enumerable.Range(0, r.Next(1, 3)).Select(_ => (long)r.Next(1, 4))]);
            }

            var name = pool[0];
            pool.RemoveAt(0);
            string? title = null;
            if (r.Next(6) == 0)
            {
                title = pool[0];
                pool.RemoveAt(0);
            }

            fields.Add(new DTypeField(name, type, offset, title));
            offset += type.ItemSize;
        }

        return DType.Structured(fields, offset + (r.Next(4) == 0 ? r.Next(1, 4) : 0));
    }
}
