using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary><see cref="ArrayFiles.Verify"/> reads everything and returns, not throws, what it found.</summary>
public sealed class VerifyTests
{
    [Fact]
    public void SoundFileCountsItsArraysAndBytes()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var array = NDArray.FromValues<int>([1, 2, 3]))
        {
            files.Write(dir.File("a.npy"), array);
        }

        var result = files.Verify(dir.File("a.npy"));
        Assert.True(result.Ok);
        Assert.Equal((1, 12L, dir.File("a.npy")), (result.Arrays, result.DataBytes, result.Path));
    }

    [Fact]
    public void BytesAfterTheDataFailWithTheirCount()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var array = NDArray.FromValues<int>([1, 2, 3]))
        {
            files.Write(dir.File("a.npy"), array);
        }

        File.AppendAllText(dir.File("a.npy"), "xy");
        var result = files.Verify(dir.File("a.npy"));
        var error = Assert.IsAssignableFrom<ArrayFormatException>(result.Error);
        Assert.False(result.Ok);
        Assert.Equal(0, result.Arrays);
        Assert.Equal(dir.File("a.npy") + ": 2 byte(s) after the data (np.load ignores them, np.save never writes them)", error.Message);
    }

    [Fact]
    public void TruncatedAndMissingFilesAreReturnedNotThrown()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using (var array = NDArray.FromValues<long>([.. Enumerable.Range(0, 1000).Select(i => (long)i)]))
        {
            files.Write(dir.File("big.npy"), array);
        }

        var bytes = File.ReadAllBytes(dir.File("big.npy"));
        File.WriteAllBytes(dir.File("cut.npy"), bytes[..(bytes.Length / 2)]);
        var cut = files.Verify(dir.File("cut.npy"));
        Assert.Contains("truncated", Assert.IsAssignableFrom<ArrayFormatException>(cut.Error).Problem, StringComparison.Ordinal);

        var missing = files.Verify(dir.File("none.npy"));
        Assert.False(missing.Ok);
        Assert.Equal(0, missing.Arrays);
    }
}
