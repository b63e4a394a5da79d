using Formats.Numpy;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.BadInput;

/// <summary>Arrays NumPy could not save or load are refused before any file appears.</summary>
public sealed class UnwritableArrayTests
{
    private static readonly ArrayFiles Files = TestServices.Files();

    public static TheoryData<string, string> Unwritable => new()
    {
        { "out_of_order_fields", "dtype.descr is not defined for types with overlapping or out-of-order fields" },
        { "overlapping_fields", "dtype.descr is not defined for types with overlapping or out-of-order fields" },
        { "top_level_subarray", "an NPY array's dtype cannot be a subarray" },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void IsRefusedAndLeavesNoFile(string name, string problem)
    {
        var dtype = name switch
        {
            "out_of_order_fields" => DType.Structured([new DTypeField("b", DType.Int32, 4), new DTypeField("a", DType.Int32, 0)], 8),
            "overlapping_fields" => DType.Structured([new DTypeField("a", DType.Int64, 0), new DTypeField("b", DType.Int32, 4)], 8),
            _ => DType.Subarray(DType.Int32, 2),
        };
        using var array = NDArray.FromBytes(ArrayHeader.Create(dtype, 2), new byte[16]);
        using var dir = new TempDir();
        var path = dir.File("out.npy");

        var e = Assert.Throws<UnsupportedArrayException>(() => Files.Write(path, array));

        Assert.StartsWith(path + ": " + problem, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData(65, 0L, "shape has 65 dimensions; NumPy arrays have at most 64")]
    [InlineData(2, long.MaxValue, "shape (0, 9223372036854775807) of 8-byte items is too big for NumPy")]
    public void ShapesNumPyCannotHoldAreRefused(int rank, long length, string problem)
    {
        // Issue #19 item 12: such files converted with exit 0, and NumPy refuses to load them.
        var shape = rank == 2 ? new long[] { 0, length } : Enumerable.Repeat(1L, rank).ToArray();
        using var array = NDArray.FromBytes(ArrayHeader.Create(DType.Float64, shape), new byte[rank == 2 ? 0 : 8]);
        using var dir = new TempDir();
        var path = dir.File("out.npy");

        var e = Assert.Throws<UnsupportedArrayException>(() => Files.Write(path, array));

        Assert.StartsWith(path + ": cannot write an NPY array NumPy cannot load: " + problem, e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TheLimitsAreNumPysOwn()
    {
        // What NumPy itself loads and refuses at the size limit; and 65 dimensions, which no NumPy loads.
        string[] shapes = ["(0, 9223372036854775807)|<f8", "(0, 9223372036854775807)|<u1", "(0, 4611686018427387904)|<i2", "(0, 2305843009213693952)|<i2",
            "(0, 4294967296, 2147483648)|<u1", "(0, 4294967296, 2147483647)|<u1", "(" + string.Join(", ", Enumerable.Repeat("1", 65)) + ")|<u1"];
        using var dir = new TempDir();
        for (var i = 0; i < shapes.Length; i++)
        {
            var parts = shapes[i].Split('|');
            var shape = ArrayShape.Parse(parts[0]);
            var data = new byte[shape.ElementCount * DTypeDescr.Parse(parts[1]).ItemSize];
            File.WriteAllBytes(dir.File($"s{i}.npy"), Support.NpyBytes.File(Support.NpyBytes.Dict($"'{parts[1]}'", shape: parts[0]), data: data));
        }

        var numpy = NumPy.Run($$"""
            for i in range({{shapes.Length}}):
                try:
                    np.load(f's{i}.npy')
                    print('ok')
                except ValueError:
                    print('refused')
            """, dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < shapes.Length; i++)
        {
            string ours;
            try
            {
                Files.Read(dir.File($"s{i}.npy")).Dispose();
                ours = "ok";
            }
            catch (MalformedArrayException)
            {
                ours = "refused";
            }

            Assert.True(numpy[i] == ours, $"{shapes[i]}: NumPy {numpy[i]}, we {ours}");
        }
    }
}
