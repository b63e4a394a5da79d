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
}
