using Formats.Numpy;
using Formats.Testing;

namespace Formats.Engine.Tests.Casting;

/// <summary>
/// Cast on read (<see cref="ReadRequest.Cast"/>) and in memory (<c>AsType</c>, <c>ToArray&lt;T&gt;(CastingRule)</c>) give
/// NumPy's <c>astype</c> bytes for every pair of numeric dtypes (NumPy's own files from <see cref="CastMatrixTests.Matrix"/>),
/// and keep the rules and range checks of a write's cast.
/// </summary>
public sealed class CastOnReadTests(CastMatrixTests.Matrix matrix) : IClassFixture<CastMatrixTests.Matrix>
{
    private readonly ArrayFiles files = TestServices.Files();

    [Fact]
    public void ReadingWithACastGivesAstypesBytesForEveryPair()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var s in CastMatrixTests.Codes)
        {
            foreach (var t in CastMatrixTests.Codes)
            {
                var to = DTypeDescr.Parse(t);
                using var array = files.Read(matrix.Dir.File($"src_{s}.bin"), new ReadRequest { Layout = new RawLayout(DTypeDescr.Parse(s)), Cast = new CastRequest(to) });
                compared += Compare(s, t, array, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.True(compared > 5000, $"only {compared} elements compared");
    }

    [Fact]
    public void AsTypeGivesAstypesBytesForEveryPair()
    {
        var failures = new List<string>();
        foreach (var s in CastMatrixTests.Codes)
        {
            using var source = files.Read(matrix.Dir.File($"src_{s}.bin"), new ReadRequest { Layout = new RawLayout(DTypeDescr.Parse(s)) });
            foreach (var t in CastMatrixTests.Codes)
            {
                using var cast = source.AsType(DTypeDescr.Parse(t));
                Compare(s, t, cast, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void ToArrayWithARuleConvertsWhereTheViewWouldThrow()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f4.npy', np.array([0.1, -2.5, 3e38], dtype='<f4'))", dir.Path);
        using var array = files.Read(dir.File("f4.npy"));

        var viewError = Assert.Throws<InvalidOperationException>(() => array.ToArray<double>());
        Assert.Contains("AsType", viewError.Message, StringComparison.Ordinal);
        Assert.Contains("ReadRequest.Cast", viewError.Message, StringComparison.Ordinal);

        var expected = System.Text.Json.JsonSerializer.Deserialize<double[]>(NumPy.Run("print(json.dumps(np.load('f4.npy').astype('<f8').tolist()))", dir.Path))!;
        Assert.Equal(expected, array.ToArray<double>(CastingRule.Safe));
        Assert.Throws<ArrayCastException>(() => array.ToArray<short>(CastingRule.SameKind));
        Assert.Equal([0, -2], array.ToArray<int>(CastingRule.Unsafe)[..2]);
    }

    [Fact]
    public void RulesAndRangeChecksAreAWritesOnes()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('v.npy', np.array([1.0, 300.0, 2.0]))", dir.Path);

        var rule = Assert.Throws<ArrayCastException>(() => files.Read(dir.File("v.npy"), new ReadRequest { Cast = new CastRequest(DType.UInt8) { Casting = CastingRule.Safe } }));
        Assert.Contains("according to the rule 'safe'", rule.Message, StringComparison.Ordinal);
        Assert.Contains("v.npy", rule.Message, StringComparison.Ordinal);

        var range = Assert.ThrowsAny<ArrayFormatException>(() => files.Read(dir.File("v.npy"), new ReadRequest { Cast = new CastRequest(DType.UInt8) { CheckRange = true } }));
        Assert.Contains("element 1 (300) is not exactly uint8", range.Message, StringComparison.Ordinal);

        using var wrapped = files.Read(dir.File("v.npy"), new ReadRequest { Cast = new CastRequest(DType.UInt8) });
        Assert.Equal(new byte[] { 1, 44, 2 }, wrapped.ToArray<byte>());
    }

    [Fact]
    public void RowsAndFortranOrderSurviveTheCast()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('f.npy', np.asfortranarray(np.arange(12, dtype='>i4').reshape(3, 4)) * 3)", dir.Path);

        using var all = files.Read(dir.File("f.npy"), new ReadRequest { Cast = new CastRequest(DType.Float32) });
        using var rows = files.Read(dir.File("f.npy"), new ReadRequest { Cast = new CastRequest(DType.Int16), RowStart = 1, RowStop = 3 });

        Assert.Equal(ArrayOrder.Fortran, all.Order);
        Assert.Equal(new ArrayShape(3, 4), all.Shape);
        // A whole Fortran array keeps its order; rows of one are gathered in C order, as np.save writes the slice.
        var expected = NumPy.Run("a = np.load('f.npy'); print(json.dumps([a.astype('<f4').ravel(order='F').tolist(), a[1:3].astype('<i2').ravel(order='C').tolist()]))", dir.Path);
        var want = System.Text.Json.JsonSerializer.Deserialize<double[][]>(expected)!;
        Assert.Equal(want[0], all.ToArray<float>().Select(v => (double)v));
        Assert.Equal(new ArrayShape(2, 4), rows.Shape);
        Assert.Equal(ArrayOrder.C, rows.Order);
        Assert.Equal(want[1], rows.ToArray<short>().Select(v => (double)v));
    }

    [Fact]
    public async Task AConversionHonoursACastAskedOfItsRead()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('v.npy', np.array([1.5, 300.0, -2.0]))", dir.Path);

        await files.ConvertAsync(dir.File("v.npy"), dir.File("u1.npy"), new ReadRequest { Cast = new CastRequest(DType.UInt8) });

        Assert.Equal("True", NumPy.Run("a = np.load('v.npy').astype('u1'); b = np.load('u1.npy'); print(a.dtype == b.dtype and np.array_equal(a, b))", dir.Path).Trim());
        await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.ConvertAsync(dir.File("v.npy"), dir.File("x.npy"),
            new ReadRequest { Cast = new CastRequest(DType.UInt8) }, new WriteRequest { Cast = new CastRequest(DType.Int8) }));
    }

    private int Compare(string s, string t, NDArray array, List<string> failures)
    {
        var to = DTypeDescr.Parse(t);
        var expected = File.ReadAllBytes(matrix.Dir.File($"dst_{s}_{t}.bin"));
        var undefined = File.ReadAllBytes(matrix.Dir.File($"undef_{s}_{t}.bin"));
        var actual = array.GetBytes().ToArray();
        if (array.DType != to || actual.Length != expected.Length)
        {
            failures.Add($"{s}->{t}: {array.DType} of {actual.Length} bytes, expected {to} of {expected.Length}");
            return 0;
        }

        var compared = 0;
        for (var i = 0; i < undefined.Length; i++)
        {
            if (undefined[i] != 0)
            {
                continue;
            }

            compared++;
            if (!expected.AsSpan(i * to.ItemSize, to.ItemSize).SequenceEqual(actual.AsSpan(i * to.ItemSize, to.ItemSize)))
            {
                failures.Add($"{s}->{t} [{i}]: numpy {Convert.ToHexString(expected, i * to.ItemSize, to.ItemSize)}, ours {Convert.ToHexString(actual, i * to.ItemSize, to.ItemSize)}");
            }
        }

        return compared;
    }
}
