using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>
/// ArrayFiles.Read and Write run synchronously (no thread-pool hop); they must behave exactly like ReadAsync and
/// WriteAsync: same bytes, same rows, same errors naming the file, same atomic replacement.
/// </summary>
public sealed class SyncReadWriteTests
{
    private static NDArray Sample(int rows = 5, int columns = 3)
    {
        var values = Enumerable.Range(0, rows * columns).Select(i => (float)i).ToArray();
        return NDArray.FromValues<float>(values, [rows, columns]);
    }

    [Fact]
    public async Task WriteMatchesWriteAsyncByteForByte()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Sample();
        files.Write(dir.File("sync.npy"), array);
        await files.WriteAsync(dir.File("async.npy"), [new KeyValuePair<string, NDArray>("arr_0", array)]);
        Assert.Equal(File.ReadAllBytes(dir.File("async.npy")), File.ReadAllBytes(dir.File("sync.npy")));
    }

    [Fact]
    public async Task ReadMatchesReadAsync()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Sample();
        files.Write(dir.File("a.npy"), array);
        using var sync = files.Read(dir.File("a.npy"));
        using var asynchronous = await files.ReadAsync(dir.File("a.npy"));
        Assert.Equal(asynchronous.Header, sync.Header);
        Assert.Equal(asynchronous.ToArray<float>(), sync.ToArray<float>());
    }

    [Theory]
    [InlineData(1L, 2L, 3f)]
    [InlineData(-1L, null, 12f)]
    [InlineData(4L, 99L, 12f)]
    public void ReadsRows(long start, long? stop, float first)
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Sample();
        files.Write(dir.File("a.npy"), array);
        using var rows = files.Read(dir.File("a.npy"), new ReadRequest { RowStart = start, RowStop = stop });
        Assert.Equal(3, rows.Shape[1]);
        Assert.Equal(first, rows.ToArray<float>()[0]);
    }

    [Fact]
    public void TruncatedDataNamesTheFile()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = Sample();
        var path = dir.File("a.npy");
        files.Write(path, array);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Read(path));
        Assert.Equal(path, e.SourcePath);
    }

    [Fact]
    public void WriteReplacesTheTargetAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        var path = dir.File("a.npy");
        File.WriteAllText(path, "old");
        using var array = Sample();
        files.Write(path, array);
        Assert.Equal(["a.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var back = files.Read(path);
        Assert.Equal(array.ToArray<float>(), back.ToArray<float>());
    }
}
