using Formats.Testing;

namespace Formats.Hosting.Tests.Jobs;

/// <summary>A job's outcome counts the bytes of a directory input or output (a Zarr store, a folder of .npy files) as of a file.</summary>
public sealed class JobConverterTests
{
    [Fact]
    public void DirectoryInputsAndOutputsAreSizedByTheirFiles()
    {
        using var dir = new TempDir();
        NumPy.Run("np.savez('a.npz', x=np.arange(10), y=np.eye(3))", dir.Path);
        var converter = new JobConverter(TestServices.Files());

        var unpacked = converter.Convert(new ConversionJob { Input = dir.File("a.npz"), Output = dir.File("parts") + "/" }, CancellationToken.None);
        var files = Directory.GetFiles(dir.File("parts")).Sum(f => new FileInfo(f).Length);
        var packed = converter.Convert(new ConversionJob { Input = dir.File("parts"), Output = dir.File("b.npz") }, CancellationToken.None);

        Assert.Equal((new FileInfo(dir.File("a.npz")).Length, files), (unpacked.BytesIn, unpacked.BytesOut));
        Assert.Equal((files, new FileInfo(dir.File("b.npz")).Length), (packed.BytesIn, packed.BytesOut));
        Assert.True(files > 0);
    }
}
