using System.Text.Json;
using Formats.Numpy;
using Formats.Printing;
using Formats.Testing;

namespace Formats.Engine.Tests.Printing;

/// <summary>
/// <see cref="ArrayRepr"/> on arrays in memory against NumPy's <c>repr</c> of the same bytes (one NumPy run for all),
/// and the digit rules underneath it.
/// </summary>
public sealed class ArrayReprTests
{
    private static readonly string[] FloatTypes = ["<f2", "<f4", "<f8", "<c8", "<c16", ">f4", ">c16"];

    [Fact]
    public void RandomBitPatternsAndScalesPrintAsNumPyPrintsThem()
    {
        var random = new Random(1414);
        var arrays = new List<(DType DType, long[] Shape, byte[] Bytes)>();
        foreach (var descr in FloatTypes)
        {
            var dtype = DTypeDescr.Parse(descr);
            for (var i = 0; i < 60; i++)
            {
                long[] shape = i % 10 == 9 ? [2, 1 + random.Next(4)] : [1 + random.Next(9)];
                var bytes = new byte[shape.Aggregate(1L, (a, b) => a * b) * dtype.ItemSize];
                if (i % 2 == 0)
                {
                    random.NextBytes(bytes);
                }
                else
                {
                    // Ordinary magnitudes around one scale, where the positional layout and its rounding matter.
                    var part = dtype.Kind == DTypeKind.Complex ? dtype.ItemSize / 2 : dtype.ItemSize;
                    var scale = Math.Pow(10, random.Next(-6, 10));
                    for (var k = 0; k < bytes.Length / part; k++)
                    {
                        var v = (random.NextDouble() - 0.3) * scale * (random.Next(3) == 0 ? Math.Round(random.NextDouble() * 1000) : 1);
                        var span = bytes.AsSpan(k * part, part);
                        var big = descr[0] == '>';
                        switch (part)
                        {
                            case 2:
                                System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(span, (Half)v);
                                break;
                            case 4 when big:
                                System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(span, (float)v);
                                break;
                            case 4:
                                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(span, (float)v);
                                break;
                            default:
                                if (big)
                                {
                                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(span, v);
                                }
                                else
                                {
                                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(span, v);
                                }

                                break;
                        }
                    }
                }

                arrays.Add((dtype, shape, bytes));
            }
        }

        using var dir = new TempDir();
        var input = arrays.Select(a => new { descr = a.DType.TypeString, shape = a.Shape, hex = Convert.ToHexString(a.Bytes) });
        File.WriteAllText(dir.File("in.json"), JsonSerializer.Serialize(input));
        var expected = JsonSerializer.Deserialize<List<string>>(NumPy.Run("""
            cases = json.load(open('in.json'))
            with np.errstate(all='ignore'):
                print(json.dumps([repr(np.frombuffer(bytes.fromhex(c['hex']), dtype=c['descr']).reshape(c['shape'])) for c in cases]))
            """, dir.Path))!;

        var mismatches = new List<string>();
        for (var i = 0; i < arrays.Count; i++)
        {
            var (dtype, shape, bytes) = arrays[i];
            using var array = NDArray.FromBytes(new ArrayHeader(dtype, new ArrayShape(shape)), bytes);
            var mine = ArrayRepr.Format(array);
            if (mine != expected[i])
            {
                mismatches.Add($"{dtype} {Convert.ToHexString(bytes)}\nNumPy: {expected[i]}\nmine:  {mine}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {arrays.Count} differ:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void VoidItemsPrintTheirBytesInUpperCaseHexAsNumPyDoes()
    {
        // Issue #19 item 17: NumPy prints void bytes as \x0A (bytes items as b'\n', in lower case).
        byte[] bytes = [0x0A, 0xAB, 0x00, 0xFF, 0x01, 0x7F, 0x41, 0xC3, 0x5C, 0x27, 0x22, 0x20, 0xDE, 0xAD, 0xBE, 0xEF];
        string[] descrs = ["|V8", "|V1", "|V16"];
        using var dir = new TempDir();
        var expected = JsonSerializer.Deserialize<List<string>>(NumPy.Run($$"""
            print(json.dumps([repr(np.frombuffer(bytes.fromhex('{{Convert.ToHexString(bytes)}}'), dtype=d)) for d in {{"['" + string.Join("', '", descrs) + "']"}}]))
            """, dir.Path))!;
        for (var i = 0; i < descrs.Length; i++)
        {
            var dtype = DTypeDescr.Parse(descrs[i]);
            using var array = NDArray.FromBytes(new ArrayHeader(dtype, new ArrayShape(bytes.Length / dtype.ItemSize)), bytes);
            Assert.Equal(expected[i], ArrayRepr.Format(array));
        }
    }

    [Fact]
    public void EmptyArraysWithAxesLongerThanAnIntPrintAsNumPyPrintsThem()
    {
        // Issue #19 item 12: show of such a file (NumPy loads it) printed "Specified argument was out of the range".
        string[] cases = ["(0, 9223372036854775807)|u1", "(9223372036854775807, 0)|u1", "(3, 0, 4294967296)|<i4", "(0,)|<f8"];
        using var dir = new TempDir();
        var expected = NumPy.Run($$"""
            for i, c in enumerate({{"['" + string.Join("', '", cases) + "']"}}):
                shape, descr = c.split('|')
                a = np.empty(eval(shape), descr)
                np.save(f'e{i}.npy', a)
                print(json.dumps(repr(a)))
            """, dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<string>(l)).ToList();
        var files = TestServices.Files();
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(expected[i], ArrayRepr.FormatFile(files, dir.File($"e{i}.npy")));
        }
    }

    [Fact]
    public void ColumnsOfAnArrayInMemory()
    {
        using var array = NDArray.FromValues<int>([.. Enumerable.Range(0, 12)], [3, 4]);
        Assert.Equal("array([[ 1,  2,  3],\n       [ 5,  6,  7],\n       [ 9, 10, 11]], dtype=int32)", ArrayRepr.Format(array, ArrayColumns.Parse("1:")));
        Assert.Equal("array([[ 3,  0],\n       [ 7,  4],\n       [11,  8]], dtype=int32)", ArrayRepr.Format(array, ArrayColumns.Parse("-1,0")));
    }

    [Theory]
    [InlineData("125", 0, 2, "12", 0)] // a tie rounds to the even digit
    [InlineData("135", 0, 2, "14", 0)]
    [InlineData("1251", 0, 2, "13", 0)]
    [InlineData("995", 3, 2, "1", 4)] // the carry moves the exponent
    [InlineData("5", -2, 0, "", 0)] // 0.005 to no digit: a tie with the even 0
    [InlineData("51", -2, 0, "1", -1)]
    [InlineData("1200", 1, 5, "1200", 1)]
    public void RoundingKeepsDigitsAndBreaksTiesToEven(string digits, int exponent, int keep, string roundedDigits, int roundedExponent)
    {
        var rounded = new FloatDigits(digits, exponent).Round(keep);
        Assert.Equal(roundedDigits, rounded.Digits);
        Assert.Equal(roundedExponent, rounded.Exponent);
    }

    [Fact]
    public void ExactDigitsAreTheWholeBinaryExpansion()
    {
        Assert.Equal(new FloatDigits("1000000000000000055511151231257827021181583404541015625", 0), FloatDigits.Exact(0.1));
        Assert.Equal(new FloatDigits("5", 1), FloatDigits.Exact(5));
        Assert.Equal(new FloatDigits("", 0), FloatDigits.Exact(0));
        Assert.Equal(new FloatDigits("1", 0), FloatDigits.Shortest(0.1, FloatWidth.Double));
        Assert.Equal(new FloatDigits("3114", 5), FloatDigits.Shortest(31136, FloatWidth.Half));
        Assert.Equal(new FloatDigits("31136", 5), FloatDigits.PositionalThroughUnits(31136, FloatWidth.Half, 8));
    }
}
