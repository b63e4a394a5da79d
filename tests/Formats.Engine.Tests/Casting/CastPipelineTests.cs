using Formats.Numpy;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Casting;

/// <summary>
/// A cast on a write runs chunk by chunk inside the conversion pipeline: with a copy buffer that splits elements
/// between chunks the files equal <c>np.save(path, np.load(src).astype(dtype))</c>; a range check refuses naming the
/// input, the first flat index and its value, and leaves no file.
/// </summary>
public sealed class CastPipelineTests
{
    // 4099 bytes: no element size divides it, so elements straddle chunks.
    private static ArrayFiles SmallChunkFiles() =>
        TestServices.Create(b => b.Services.Configure<ArrayFormatsOptions>(o => o.CopyBufferSize = 4099)).GetRequiredService<ArrayFiles>();

    [Fact]
    public async Task ConvertWithACastWritesWhatNpSaveOfAstypeWrites()
    {
        using var dir = new TempDir();
        var cases = new (string Input, string Target)[]
        {
            ("f8be.npy", "<i2"), ("f8be.npy", "u1"), ("i4f.npy", ">f4"), ("c16.npy", "<f2"), ("u8.npy", "<c8"), ("f2.npy", ">i8"), ("b.npy", "<f8"),
        };
        NumPy.Run("""
import warnings
warnings.simplefilter('ignore')
rng = np.random.default_rng(5)
a = (rng.random((1000, 7)) * 80000 - 40000)
a[3, 4] = np.nan; a[7, 1] = np.inf
np.save('f8be.npy', a.astype('>f8'))
np.save('i4f.npy', np.asfortranarray(rng.integers(-2**31, 2**31, size=(50, 31), dtype='<i4')))
np.save('c16.npy', (rng.random(3001) * 1e5 + 1j * rng.random(3001)).astype('<c16'))
np.save('u8.npy', rng.integers(0, 2**64 - 1, size=777, dtype='<u8', endpoint=True))
np.save('f2.npy', (rng.random(5000) * 2000 - 1000).astype('<f2'))
np.save('b.npy', rng.random(999) > 0.5)
for src, t in 
""" + "[" + string.Join(", ", cases.Select(c => $"('{c.Input}', '{c.Target}')")) + "]" + """
:
    np.save('expected_%s_%s.npy' % (src[:-4], t.replace('<', 'l').replace('>', 'b')), np.load(src).astype(t))
""", dir.Path);
        var files = SmallChunkFiles();
        foreach (var (input, target) in cases)
        {
            var name = $"{input[..^4]}_{target.Replace('<', 'l').Replace('>', 'b')}.npy";
            var result = await files.ConvertAsync(dir.File(input), dir.File("got_" + name),
                write: new WriteRequest { Cast = new CastRequest(DTypeDescr.Parse(target)) });

            Assert.True(File.ReadAllBytes(dir.File("expected_" + name)).AsSpan().SequenceEqual(File.ReadAllBytes(dir.File("got_" + name))), name);
            Assert.Equal(new FileInfo(dir.File("expected_" + name)).Length, new FileInfo(dir.File("got_" + name)).Length);
            Assert.True(result.DataBytes > 0);
        }
    }

    [Fact]
    public async Task CheckRangeRefusesTheFirstChangedValueNamingFileIndexAndValueAndLeavesNoFile()
    {
        using var dir = new TempDir();
        NumPy.Run("""
a = np.arange(5000, dtype='<i4') % 250
a[4321] = 300
a[4400] = -1
np.save('volts.npy', a)
f = np.zeros((4, 3), order='F'); f[1, 2] = 0.5
np.save('fortran.npy', f)
""", dir.Path);
        var files = SmallChunkFiles();
        var output = dir.File("out.npy");

        var e = await Assert.ThrowsAsync<ArrayCastException>(() => files.ConvertAsync(dir.File("volts.npy"), output,
            write: new WriteRequest { Cast = new CastRequest(DType.UInt8) { CheckRange = true } }));
        Assert.Equal(4321, e.Index);
        Assert.Equal("300", e.Value);
        Assert.Equal(dir.File("volts.npy"), e.SourcePath);
        Assert.Contains("uint8", e.Message, StringComparison.Ordinal);
        Assert.Contains("44", e.Message, StringComparison.Ordinal);

        var f = await Assert.ThrowsAsync<ArrayCastException>(() => files.ConvertAsync(dir.File("fortran.npy"), output,
            write: new WriteRequest { Cast = new CastRequest(DType.Int64) { CheckRange = true } }));
        Assert.Equal((1 * 3) + 2, f.Index);
        Assert.Equal("0.5", f.Value);

        Assert.Equal(["fortran.npy", "volts.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Values that all survive pass the check: -1..300 fit int16.
        await files.ConvertAsync(dir.File("volts.npy"), output,
            write: new WriteRequest { Cast = new CastRequest(DType.Int16) { CheckRange = true } });
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task ACastingRuleThatForbidsTheDTypeChangeRefusesBeforeWriting()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(10.0))", dir.Path);
        var files = TestServices.Files();

        var e = await Assert.ThrowsAsync<ArrayCastException>(() => files.ConvertAsync(dir.File("a.npy"), dir.File("b.npy"),
            write: new WriteRequest { Cast = new CastRequest(DType.Int32) { Casting = CastingRule.SameKind } }));
        Assert.Null(e.Index);
        Assert.Contains("'same_kind'", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("b.npy")));

        await files.ConvertAsync(dir.File("a.npy"), dir.File("b.npy"),
            write: new WriteRequest { Cast = new CastRequest(DType.Float32) { Casting = CastingRule.SameKind } });
        Assert.Equal(DType.Float32, files.Inspect(dir.File("b.npy")).Entries[0].Header.DType);
    }

    [Fact]
    public async Task StructuredArraysAreNotCast()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('r.npy', np.zeros(3, dtype=[('x', '<i4'), ('y', '<f8')]))", dir.Path);

        var e = await Assert.ThrowsAsync<UnsupportedArrayException>(() => TestServices.Files().ConvertAsync(dir.File("r.npy"), dir.File("o.npy"),
            write: new WriteRequest { Cast = new CastRequest(DType.Float32) }));
        Assert.Equal(dir.File("r.npy"), e.SourcePath);
    }

    [Fact]
    public async Task AnArrayInMemoryIsCastAndMeasureAsyncGivesTheSizeOfTheFileWritten()
    {
        using var dir = new TempDir();
        using var array = NDArray.FromValues<int>([1, 2, 300, -1], [2, 2]);
        var files = TestServices.Files();
        var plan = new ConversionPlan
        {
            Output = dir.File("m.npy"),
            Arrays = [new PlannedArray("", ArrayInput.FromArray(array))],
            Write = new WriteRequest { Cast = new CastRequest(DType.UInt8) },
        };

        var measured = await files.MeasureAsync(plan);
        await files.ExecuteAsync(plan);

        Assert.Equal(new FileInfo(dir.File("m.npy")).Length, measured);
        Assert.Equal("[[1, 2], [44, 255]] uint8", NumPy.Run("a = np.load('m.npy'); print(a.tolist(), a.dtype)", dir.Path).Trim());
    }
}
