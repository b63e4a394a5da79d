using Formats.Testing;

namespace Formats.Plugins.Raw.Tests.Interop;

/// <summary>
/// A raw layout's one <c>-1</c> is inferred from the bytes after the offset as <c>np.fromfile(f, dtype,
/// offset=...).reshape(shape)</c> infers it, and refused where NumPy refuses, in NumPy's words.
/// </summary>
public sealed class InferredDimensionTests
{
    private static readonly (long[] Shape, long Elements)[] Cases =
    [
        ([-1, 64], 640), ([-1], 7), ([2, -1, 3], 30), ([-1, 3], 0), ([4, 5], 20), ([0, -1], 0), ([-1, 3], 10), ([4, 5], 21), ([-1, 0], 5),
        ([3, -1, 5], 10), ([-1, 64], 10),
    ];

    [Fact]
    public void InferredShapesAndRefusalsMatchNumPysReshape()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        var lines = Cases.Select(c => $"({c.Elements}, [{string.Join(", ", c.Shape)}])");
        var numpy = NumPy.Run($$"""
            for n, shape in [{{string.Join(", ", lines)}}]:
                try:
                    print(list(np.zeros(n, dtype='<i2').reshape(shape).shape))
                except ValueError as e:
                    print('error', e)
            """, dir.Path).Trim().Split('\n');

        for (var i = 0; i < Cases.Length; i++)
        {
            var (shape, elements) = Cases[i];
            var path = dir.File($"case{i}.dat");
            File.WriteAllBytes(path, new byte[elements * 2 + 3]);
            var layout = new RawLayout(DType.Int16, null, Offset: 3).WithShape(shape);
            string ours;
            try
            {
                ours = "[" + string.Join(", ", files.Inspect(path, new ReadRequest { Layout = layout }).Entries[0].Header.Shape) + "]";
            }
            catch (ArrayFormatException e)
            {
                Assert.Equal(path, e.SourcePath);
                ours = "error " + e.Problem;
            }

            if (shape.Contains(-1) || !numpy[i].StartsWith("error", StringComparison.Ordinal))
            {
                Assert.Equal(numpy[i], ours);
            }
            else
            {
                // Without a -1 the reader's own sentence says how many bytes the file holds and how many the shape needs.
                Assert.StartsWith("error the file holds", ours, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TheInferredArrayIsNumPysFromfileReshaped()
    {
        using var dir = new TempDir();
        var path = dir.File("rec.dat");
        NumPy.Run("""
            with open('rec.dat', 'wb') as f:
                f.write(b'HEAD')
                np.arange(24, dtype='<f4').tofile(f)
            a = np.fromfile('rec.dat', dtype='<f4', offset=4).reshape(-1, 4)
            np.save('expected.npy', a)
            """, dir.Path);
        var files = TestServices.Files();

        using var array = files.Read(path, new ReadRequest { Layout = new RawLayout(DType.Float32, null, 4).WithShape(-1, 4) });

        using var expected = files.Read(dir.File("expected.npy"));
        Assert.Equal(expected.Shape, array.Shape);
        Assert.Equal(new ArrayShape(6, 4), array.Shape);
        Assert.Equal(expected.GetBytes().ToArray(), array.GetBytes().ToArray());
    }

    [Theory]
    [InlineData("-1,-1", "can only specify one unknown dimension")]
    [InlineData("2,-1,-1", "can only specify one unknown dimension")]
    [InlineData("-2,4", "shape (-2, 4) may hold one -1 and otherwise non-negative dimensions")]
    [InlineData("x,4", "shape 'x,4' is not a list of integers (non-negative, or one -1)")]
    public void ShapesNumPyCannotInferAreRefusedWhenParsed(string text, string problem)
    {
        var e = Assert.ThrowsAny<ArrayFormatException>(() => RawLayout.ParseShape(text));

        Assert.Equal(problem, e.Problem);
    }

    [Fact]
    public void TwoUnknownDimensionsAreRefusedAsNumPyRefusesThem()
    {
        using var dir = new TempDir();
        var numpy = NumPy.Run("""
            try:
                np.zeros(8).reshape(-1, -1)
            except ValueError as e:
                print(e)
            """, dir.Path).Trim();

        var e = Assert.ThrowsAny<ArrayFormatException>(() => new RawLayout(DType.Float64).WithShape(-1, -1));

        Assert.Equal(numpy, e.Problem);
    }

    [Fact]
    public void TheParsedShapeKeepsItsUnknownDimension()
    {
        var layout = new RawLayout(DType.UInt8).WithShape(RawLayout.ParseShape("(3, -1)"));

        Assert.Equal(1, layout.InferredAxis);
        Assert.Equal(new long[] { 3, -1 }, layout.GetShapeWithUnknown());
        Assert.Null(new RawLayout(DType.UInt8).WithShape(3, 4).InferredAxis);
    }
}
