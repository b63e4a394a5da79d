using System.Text.Json;
using Formats.Casting;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Engine.Tests.Casting;

/// <summary>
/// Every pair of the numeric dtypes, over values with the edges (min, max, ±0, ±inf, NaN, values that overflow), cast
/// as NumPy's <c>astype</c> casts them, byte for byte; and the casting rules as <c>np.can_cast</c> answers them.
/// NumPy's inputs, outputs and answers come from one python call for the whole matrix.
/// </summary>
public sealed class CastMatrixTests : IClassFixture<CastMatrixTests.Matrix>
{
    internal static readonly string[] Codes = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"];

    private readonly Matrix matrix;

    public CastMatrixTests(Matrix matrix) => this.matrix = matrix;

    [Fact]
    public void EveryPairOfNumericDTypesGivesNumPysBytesExceptWhereCLeavesThemUndefined()
    {
        var failures = new List<string>();
        var compared = 0;
        var undefined = 0;
        foreach (var s in Codes)
        {
            var source = File.ReadAllBytes(matrix.Dir.File($"src_{s}.bin"));
            var from = DTypeDescr.Parse(s);
            foreach (var t in Codes)
            {
                var to = DTypeDescr.Parse(t);
                var expected = File.ReadAllBytes(matrix.Dir.File($"dst_{s}_{t}.bin"));
                var skip = File.ReadAllBytes(matrix.Dir.File($"undef_{s}_{t}.bin"));
                var actual = new byte[expected.Length];
                new ElementCast(from, to).Convert(source, actual, new byte[source.Length]);
                for (var i = 0; i < skip.Length; i++)
                {
                    if (skip[i] != 0)
                    {
                        undefined++;
                        continue;
                    }

                    compared++;
                    var want = expected.AsSpan(i * to.ItemSize, to.ItemSize);
                    var got = actual.AsSpan(i * to.ItemSize, to.ItemSize);
                    if (!want.SequenceEqual(got))
                    {
                        failures.Add($"{s}->{t} [{i}] {ElementValue.Read(NumericTypes.Of(from)!.Value, source, i)}: numpy {Convert.ToHexString(want)}, ours {Convert.ToHexString(got)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} elements differ:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(compared > 5000, $"only {compared} elements compared");
        Assert.True(undefined > 100, $"only {undefined} undefined elements");
    }

    [Fact]
    public void CanCastAnswersAsNpCanCastForAllPairsAndAllFiveRules()
    {
        var failures = new List<string>();
        foreach (var (from, to, rule, expected) in matrix.CanCast)
        {
            var actual = CastRules.CanCast(DTypeDescr.Parse(from), DTypeDescr.Parse(to), rule);
            if (actual != expected)
            {
                failures.Add($"can_cast({from}, {to}, {CastRules.Name(rule)}): numpy {expected}, ours {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(16 * 16 * 5, matrix.CanCast.Count);
    }

    /// <summary>The matrix NumPy computed, once for the class.</summary>
    public sealed class Matrix : IDisposable
    {
        // Values are Python floats or ints; each source dtype takes those it can hold (integers) or astype's
        // result (floats), plus its own min and max. Undefined: a float (or a complex's real part) that is NaN, infinite
        // or truncates outside the target integer's range, where C (and so NumPy) leaves the result to the platform.
        private const string Script = """
import math, warnings
warnings.simplefilter('ignore')
codes = ['?', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'f2', 'f4', 'f8', 'c8', 'c16']
ints = [0, 1, -1, 2, 7, 100, 127, 128, -128, -129, 255, 256, 300, -300, 2047, 2049, 4097, 32767, 32768, -32768, -32769,
        65504, 65519, 65520, 65535, 65536, 16777217, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1, 2**32, 2**53 + 1,
        2**62 + 1, 2**63 - 1, 2**63, -2**63, 2**64 - 1, 12345678901, -987654321]
floats = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.5, -2.5, 0.1, 1/3, 127.9, 128.0, -128.5, -129.0, 255.5, 256.0, 300.0,
          -300.7, 32767.9, 32768.0, 65504.0, 65519.99, 65520.0, 65535.0, 65536.0, 70000.5, 1e-8, 6e-8, 1e-40, 5e-324,
          2.0**31, -2.0**31, -2.0**31 - 1, 2.0**32, 3e9, 5e9, 2.0**53 + 2, 2.0**63, -2.0**63, 2.0**64, 1e19, -1e19,
          1e20, 3.4028234663852886e38, 3.5e38, 1e300, 1.7976931348623157e308, -1.7976931348623157e308,
          float('inf'), float('-inf'), float('nan'), -float('nan'), 16777217.0, 0.099999]
imags = [0.0, -0.0, 1.5, float('nan'), float('-inf'), 2.0**40, -3.0]
def source(code):
    dt = np.dtype(code)
    if dt.kind == 'b':
        return np.array([False, True, True, False])
    if dt.kind in 'iu':
        info = np.iinfo(dt)
        return np.array([v for v in ints if info.min <= v <= info.max] + [info.min, info.max], dtype=dt)
    if dt.kind == 'f':
        return np.array(floats + [-v for v in floats[2:20]], dtype=np.float64).astype(dt)
    return np.array([complex(r, imags[i % len(imags)]) for i, r in enumerate(floats)] + [complex(0.0, v) for v in floats[:12]],
                    dtype=np.complex128).astype(dt)
for s in codes:
    a = source(s)
    a.tofile('src_%s.bin' % s)
    for t in codes:
        a.astype(t).tofile('dst_%s_%s.bin' % (s, t))
        tt = np.dtype(t)
        undef = np.zeros(a.size, dtype=np.uint8)
        if a.dtype.kind in 'fc' and tt.kind in 'iu':
            info = np.iinfo(tt)
            for i, v in enumerate(a.real.astype(np.float64).tolist()):
                undef[i] = not math.isfinite(v) or not (info.min <= math.trunc(v) <= info.max)
        undef.tofile('undef_%s_%s.bin' % (s, t))
variants = ['?', 'i1', 'u1', '<i2', '>i2', '<i4', '<i8', '>u2', '<u4', '<u8', '<f2', '>f4', '<f8', '>f8', '<c8', '<c16']
rules = ['no', 'equiv', 'safe', 'same_kind', 'unsafe']
print(json.dumps([[f, t, r, bool(np.can_cast(np.dtype(f), np.dtype(t), r))] for f in variants for t in variants for r in rules]))
""";

        public Matrix()
        {
            var output = NumPy.Run(Script, Dir.Path);
            CanCast = [.. JsonSerializer.Deserialize<JsonElement[][]>(output)!.Select(row => (row[0].GetString()!, row[1].GetString()!,
                row[2].GetString() switch
                {
                    "no" => CastingRule.No,
                    "equiv" => CastingRule.Equiv,
                    "safe" => CastingRule.Safe,
                    "same_kind" => CastingRule.SameKind,
                    _ => CastingRule.Unsafe,
                }, row[3].GetBoolean()))];
        }

        public TempDir Dir { get; } = new();

        public List<(string From, string To, CastingRule Rule, bool Expected)> CanCast { get; }

        public void Dispose() => Dir.Dispose();
    }
}
