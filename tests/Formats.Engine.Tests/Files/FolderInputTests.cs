using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>
/// A folder passed where a file is read or appended to raises the library's access error saying it is a folder:
/// .NET reports opening one as "access denied", which is wrong even for root.
/// </summary>
public sealed class FolderInputTests
{
    [Fact]
    public async Task ReadingInspectingOrAppendingToAFolderSaysItIsAFolder()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(4.0))", dir.Path);
        var folder = dir.File("sub");
        Directory.CreateDirectory(folder);
        var files = TestServices.Files();

        var errors = new[]
        {
            Assert.Throws<ArrayFileAccessException>(() => files.Read(folder)),
            Assert.Throws<ArrayFileAccessException>(() => files.Inspect(folder)),
            await Assert.ThrowsAsync<ArrayFileAccessException>(() => files.AppendAsync(folder, dir.File("a.npy"))),
            await Assert.ThrowsAsync<ArrayFileAccessException>(() => files.AppendAsync(dir.File("a.npy"), folder)),
        };

        Assert.All(errors, e =>
        {
            Assert.Equal($"{folder}: is a folder", e.Message);
            Assert.Equal(folder, e.SourcePath);
            Assert.False(e.Missing);
        });
    }
}
