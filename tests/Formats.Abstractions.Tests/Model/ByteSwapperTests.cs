using System.Text.Json;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Abstractions.Tests.Model;

/// <summary>Byte swapping per component: complex swaps each part, unicode each code point, structured each field.</summary>
public sealed class ByteSwapperTests
{
    [Theory]
    [InlineData("'>c8'", "0001020304050607", "0302010007060504")]
    [InlineData("'>c16'", "000102030405060708090a0b0c0d0e0f", "07060504030201000f0e0d0c0b0a0908")]
    [InlineData("'>U2'", "0001020304050607", "0302010007060504")]
    [InlineData("'>f2'", "00010203", "01000302")]
    [InlineData("'>m8[25s]'", "0001020304050607", "0706050403020100")]
    [InlineData("'>f16'", "000102030405060708090a0b0c0d0e0f", "0f0e0d0c0b0a09080706050403020100")]
    [InlineData("'>f12'", "000102030405060708090a0b", "0b0a09080706050403020100")]
    [InlineData("'>c32'", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        "0f0e0d0c0b0a090807060504030201001f1e1d1c1b1a19181716151413121110")]
    [InlineData("[('a', '>f16', (2,)), ('b', '|u1')]", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
        "0f0e0d0c0b0a090807060504030201001f1e1d1c1b1a1918171615141312111020")]
    [InlineData("[('a', '>i2'), ('b', '|S2'), ('', '|V4'), ('c', '>f4'), ('', '|V4')]",
        "000102030405060708090a0b0c0d0e0f", "01000203040506070b0a09080c0d0e0f")]
    [InlineData("[('v', '>i2', (3,)), ('w', '>i4', (1,)), ('x', '|u1', (2,))]", "000102030405060708090a0b", "010003020504090807060a0b")]
    [InlineData("[('n', [('p', '>u2'), ('q', '|b1')], (2,)), ('u', '>U1')]", "00010203040506070809", "01000204030509080706")]
    public void SwapsEachComponent(string descr, string input, string swapped)
    {
        var data = Convert.FromHexString(input);

        ByteSwapper.For(DTypeDescr.Parse(descr)).SwapInPlace(data);

        Assert.Equal(swapped, Convert.ToHexString(data).ToLowerInvariant());
    }

    [Theory]
    [InlineData("'|b1'")]
    [InlineData("'|i1'")]
    [InlineData("'|u1'")]
    [InlineData("'|S7'")]
    [InlineData("'|V3'")]
    [InlineData("[('a', '|u1'), ('b', '|S2')]")]
    [InlineData("'<U0'")]
    public void SingleBytesStringsAndVoidNeverSwap(string descr)
    {
        var swapper = ByteSwapper.For(DTypeDescr.Parse(descr));
        var data = Enumerable.Range(0, 42).Select(i => (byte)i).ToArray();

        swapper.SwapInPlace(data);

        Assert.True(swapper.IsNoOp);
        Assert.Equal(Enumerable.Range(0, 42).Select(i => (byte)i), data);
    }

    [Fact]
    public void SwappingTwiceRestoresTheData()
    {
        var dtype = DTypeDescr.Parse("[('a', '>c8', (2,)), ('b', '<U3'), ('c', '>M8[ns]')]");
        var data = Enumerable.Range(0, dtype.ItemSize * 5).Select(i => (byte)(i * 7)).ToArray();
        var copy = (byte[])data.Clone();
        var swapper = ByteSwapper.For(dtype);

        swapper.SwapInPlace(data);
        Assert.NotEqual(copy, data);
        swapper.SwapInPlace(data);

        Assert.Equal(copy, data);
    }

    [Fact]
    public void APartialItemIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ByteSwapper.For(DType.Complex64).SwapInPlace(new byte[12]));
    }

    [Fact]
    public void SwapsAsNumPysByteswapDoes()
    {
        // Packed dtypes only: NumPy's byteswap leaves the padding of structured items uninitialised.
        string[] descrs =
        [
            "'>i2'", "'>u4'", "'>i8'", "'>f2'", "'>f4'", "'>f8'", "'>c8'", "'>c16'", "'>M8[ns]'", "'>m8'", "'>U3'", "'<U2'",
            "'>f16'", "'>c32'", "[('a', '>f16'), ('b', '<c32'), ('c', '>f16', (2,))]",
            "[('a', '>i4'), ('b', '<f8'), ('c', '|S3'), ('d', '>c8', (2,)), ('e', [('f', '>u2'), ('g', '>U1')], (2,))]",
        ];
        using var dir = new TempDir();
        File.WriteAllText(dir.File("descrs.json"), JsonSerializer.Serialize(descrs));
        var output = NumPy.Run("""
            import ast
            from numpy.lib import format as fmt
            out = []
            for s in json.load(open('descrs.json')):
                dt = fmt.descr_to_dtype(ast.literal_eval(s))
                raw = bytes((i * 37 + 11) % 256 for i in range(dt.itemsize * 3))
                out.append(np.frombuffer(raw, dtype=dt).byteswap().tobytes().hex())
            print(json.dumps(out))
            """, dir.Path);
        var expected = JsonSerializer.Deserialize<string[]>(output)!;

        for (var k = 0; k < descrs.Length; k++)
        {
            var dtype = DTypeDescr.Parse(descrs[k]);
            var data = Enumerable.Range(0, dtype.ItemSize * 3).Select(i => (byte)(((i * 37) + 11) % 256)).ToArray();
            ByteSwapper.For(dtype).SwapInPlace(data);
            Assert.Equal(expected[k], Convert.ToHexString(data).ToLowerInvariant());
        }
    }

    [Fact]
    public void ConvertingToNativeOrderSwapsTheDataAndTheDType()
    {
        var header = ArrayHeader.Create(DTypeDescr.Parse("'>i4'"), 2);
        using var array = NDArray.FromBytes(header, [0, 0, 1, 2, 0xFF, 0xFF, 0xFF, 0xFE]);

        array.ConvertToNativeByteOrder();

        Assert.Equal(DType.Int32, array.DType);
        Assert.Equal(new[] { 0x0102, -2 }, array.ToArray<int>());
    }
}
