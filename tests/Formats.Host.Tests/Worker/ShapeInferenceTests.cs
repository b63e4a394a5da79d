using Formats.Host.Worker;
using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>A rule's <c>-1</c> dimension is inferred as NumPy's <c>reshape</c> infers it, and refused where NumPy refuses.</summary>
public sealed class ShapeInferenceTests
{
    private static readonly (long[] Shape, long Elements)[] Cases =
    [
        ([-1, 64], 640), ([-1], 7), ([2, -1, 3], 30), ([-1, 3], 0), ([4, 5], 20), ([0, -1], 0), ([-1, 3], 10), ([4, 5], 21), ([-1, 0], 5),
    ];

    [Fact]
    public void InferredShapesAndRefusalsMatchNumPysReshape()
    {
        using var dir = new TempDir();
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
            string ours;
            try
            {
                ours = "[" + string.Join(", ", FileConverter.InferShape(shape, elements * 2, 2, "x.dat").Dimensions.ToArray()) + "]";
            }
            catch (ArrayFormatException e)
            {
                ours = "error " + e.Problem;
            }

            Assert.Equal(numpy[i].StartsWith("error", StringComparison.Ordinal) ? "error" : numpy[i],
                ours.StartsWith("error", StringComparison.Ordinal) ? "error" : ours);
            if (ours.StartsWith("error", StringComparison.Ordinal))
            {
                // NumPy's sentence; the shape is written as configured (NumPy leaves the -1 out).
                Assert.StartsWith($"error cannot reshape array of size {elements} into shape (", ours, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void BytesThatAreNotWholeItemsAreRefusedNamingTheFile()
    {
        var e = Assert.Throws<ArrayFormatException>(() => FileConverter.InferShape([-1, 4], 9, 2, "rec.dat"));
        Assert.Equal("rec.dat: 9 data bytes are not a whole number of 2-byte items", e.Message);
    }
}
