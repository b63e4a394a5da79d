using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>
/// Large single-array data (16 MiB and up) is read with parallel positional reads; the result must be exactly the
/// bytes the sequential stream path gives: whole arrays, row ranges, Fortran order, raw buffers with an offset.
/// </summary>
public sealed class ParallelReadTests
{
    private const int Columns = 1024;
    private const int Rows = 6000; // 6000 × 1024 × 4 bytes ≈ 23 MiB

    private static NDArray Large(ArrayOrder order = ArrayOrder.C)
    {
        var values = new int[Rows * Columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 7919) ^ (i >> 3);
        }

        return NDArray.FromValues<int>(values, [Rows, Columns], order);
    }

    [Fact]
    public async Task WholeArrayMatchesTheFileBytes()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Large();
        var path = dir.File("big.npy");
        files.Write(path, array);
        var stored = File.ReadAllBytes(path)[^(int)array.ByteLength..];
        using var sync = files.Read(path);
        using var asynchronous = await files.ReadAsync(path);
        Assert.Equal(array.Header, sync.Header);
        Assert.True(stored.AsSpan().SequenceEqual(sync.GetBytes()));
        Assert.True(stored.AsSpan().SequenceEqual(asynchronous.GetBytes()));
    }

    [Theory]
    [InlineData(0L, 6000L)]
    [InlineData(123L, 5555L)]
    [InlineData(-5000L, null)]
    public void RowRangesMatchTheSlice(long start, long? stop)
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Large();
        var path = dir.File("big.npy");
        files.Write(path, array);
        using var rows = files.Read(path, new ReadRequest { RowStart = start, RowStop = stop });
        var range = RowRange.Resolve(start, stop, Rows);
        Assert.Equal(range.Count, rows.Shape[0]);
        var expected = array.GetBytes().Slice((int)(range.Start * Columns * 4), (int)(range.Count * Columns * 4));
        Assert.True(expected.SequenceEqual(rows.GetBytes()));
    }

    [Fact]
    public void FortranOrderIsReadAsStored()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Large(ArrayOrder.Fortran);
        var path = dir.File("f.npy");
        files.Write(path, array);
        using var back = files.Read(path);
        Assert.Equal(ArrayOrder.Fortran, back.Order);
        Assert.True(array.GetBytes().SequenceEqual(back.GetBytes()));
    }

    [Fact]
    public void RawBufferWithAnOffset()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Large();
        var path = dir.File("big.bin");
        var prefix = new byte[100];
        File.WriteAllBytes(path, [.. prefix, .. array.GetBytes().ToArray()]);
        var layout = new RawLayout(DType.Int32, new ArrayShape(Rows, Columns), Offset: prefix.Length);
        using var back = files.Read(path, new ReadRequest { Format = "raw", Layout = layout });
        Assert.True(array.GetBytes().SequenceEqual(back.GetBytes()));
        using var rows = files.Read(path, new ReadRequest { Format = "raw", Layout = layout, RowStart = 10, RowStop = 5000 });
        Assert.True(array.GetBytes().Slice(10 * Columns * 4, 4990 * Columns * 4).SequenceEqual(rows.GetBytes()));
    }
}
