using Formats.Plugins.Npy.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.BadInput;

/// <summary>
/// Malformed, hostile and refused inputs: each fails with the library's own exception (never a low-level one
/// wrapped or leaking), stating the problem after the file's path.
/// </summary>
public sealed class BadInputTests(RealNpyFile real) : IClassFixture<RealNpyFile>
{
    private static readonly ArrayFiles Files = TestServices.Files();

    [Theory]
    [MemberData(nameof(BadInputCases.Names), MemberType = typeof(BadInputCases))]
    public void IsRefusedWithTheProblemAndThePath(string name)
    {
        var c = BadInputCases.Get(name);
        using var dir = new TempDir();
        var path = dir.File(c.FileName);
        File.WriteAllBytes(path, c.Bytes);

        var e = AssertRefused(c.Expected, () => Files.Read(path, c.Request), path);

        Assert.Contains(c.Fragment, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadInputCases.Names), MemberType = typeof(BadInputCases))]
    public async Task ConversionOfBadInputLeavesNoOutput(string name)
    {
        var c = BadInputCases.Get(name);
        using var dir = new TempDir();
        var path = dir.File(c.FileName);
        File.WriteAllBytes(path, c.Bytes);

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => Files.ConvertAsync(path, dir.File("out.npy"), c.Request));

        AssertKind(c.Expected, e);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    public static TheoryData<int> TruncationPoints => [.. Enumerable.Range(0, RealNpyFile.Length)];

    [Theory]
    [MemberData(nameof(TruncationPoints))]
    public void EveryTruncationOfARealFileIsRefused(int length)
    {
        var bytes = real.Bytes;
        Assert.Equal(RealNpyFile.Length, bytes.Length);
        using var dir = new TempDir();
        var path = dir.File("cut.npy");
        File.WriteAllBytes(path, bytes[..length]);

        var e = AssertRefused(typeof(MalformedArrayException), () => Files.Read(path), path);

        var expected = length switch
        {
            < 6 => "file ends inside the NPY magic string",
            < 8 => "file ends before the NPY version bytes",
            < 10 => "file ends inside the NPY header length",
            < RealNpyFile.DataOffset => $"NPY header length 118 claims more than the {length - 10} bytes left in the file",
            _ => "data is truncated",
        };
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Python2LongSuffixIsAcceptedInVersions1And2LikeNumPy(byte major)
    {
        using var dir = new TempDir();
        var path = dir.File("long.npy");
        File.WriteAllBytes(path, NpyBytes.File(NpyBytes.Dict(descr: "'<i2'", shape: "(3L, 1 L)"), major, data: [1, 0, 2, 0, 3, 0]));

        using var array = Files.Read(path);

        Assert.Equal(new ArrayShape(3, 1), array.Shape);
        Assert.Equal(new short[] { 1, 2, 3 }, array.ToArray<short>());
    }

    [Fact]
    public void LowerCaseLongSuffixIsRefusedLikeNumPy()
    {
        // NumPy's header filter drops only a NAME token 'L' after a number; '3l' stays a syntax error.
        using var dir = new TempDir();
        var path = dir.File("long.npy");
        File.WriteAllBytes(path, NpyBytes.File(NpyBytes.Dict(descr: "'<i2'", shape: "(3l,)"), data: [1, 0, 2, 0, 3, 0]));

        var e = AssertRefused(typeof(MalformedArrayException), () => Files.Read(path), path);

        Assert.Contains("header literal is malformed", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RaisingTheHeaderLimitAdmitsALongButValidHeader()
    {
        using var dir = new TempDir();
        var path = dir.File("long-header.npy");
        File.WriteAllBytes(path, BadInputCases.Get("header_over_default_limit").Bytes);

        using var array = Files.Read(path, new ReadRequest { MaxHeaderSize = 20_000 });

        Assert.Equal(new ArrayShape(3), array.Shape);
    }

    [Fact]
    public void ThereAreAtLeastThirtyDistinctBadInputs()
    {
        Assert.True(BadInputCases.All.Count >= 30, $"only {BadInputCases.All.Count} cases");
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => Convert.ToHexString(c.Bytes) + c.Request).Distinct().Count());
    }

    internal static ArrayFormatException AssertRefused(Type expected, Func<object> read, string path)
    {
        var thrown = Record.Exception(() =>
        {
            if (read() is IDisposable d)
            {
                d.Dispose();
            }
        });

        Assert.NotNull(thrown);
        var e = Assert.IsAssignableFrom<ArrayFormatException>(thrown);
        AssertKind(expected, e);
        Assert.Null(e.InnerException); // detected by the library, not a low-level failure translated after the fact
        Assert.Equal(path, e.SourcePath);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        return e;
    }

    // The kind of failure (malformed, unsupported, or a usage problem): a more specific subclass of that kind counts.
    private static void AssertKind(Type expected, ArrayFormatException e)
    {
        Assert.IsAssignableFrom(expected, e);
        if (expected == typeof(ArrayFormatException))
        {
            Assert.False(e is MalformedArrayException or UnsupportedArrayException, e.GetType().Name);
        }
    }
}

/// <summary>A small file saved by the real NumPy: a 128-byte preamble (118-byte header) and 12 data bytes.</summary>
public sealed class RealNpyFile
{
    public const int Length = 140;
    public const int DataOffset = 128;

    public RealNpyFile()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('real.npy', np.arange(6, dtype='<i2').reshape(2, 3))", dir.Path);
        Bytes = File.ReadAllBytes(dir.File("real.npy"));
    }

    public byte[] Bytes { get; }
}
