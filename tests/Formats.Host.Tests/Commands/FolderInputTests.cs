using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// A folder given where a file is expected is named as a folder (.NET reports it as "access denied", which is wrong
/// even for root); commands that take many files (verify, advise) take files, not folders, and say so the same way.
/// </summary>
public sealed class FolderInputTests
{
    [Theory]
    [InlineData("info")]
    [InlineData("show")]
    [InlineData("advise")]
    [InlineData("stats")]
    [InlineData("plot", "--out", "{dir}/p.png")]
    [InlineData("append", "{dir}/a.npy")]
    public async Task AFolderIsOneErrorLineSayingItIsAFolder(string command, params string[] rest)
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(4.0))\nimport os; os.mkdir('sub'); np.save('sub/b.npy', np.arange(3.0))", dir.Path);
        var folder = dir.File("sub") + "/";

        var (code, stdout, stderr) = await Cli.RunAsync([command, folder, .. rest.Select(a => a.Replace("{dir}", dir.Path, StringComparison.Ordinal))]);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {folder}: is a folder\n", stderr.Replace("\r", "", StringComparison.Ordinal));
        Assert.False(File.Exists(dir.File("p.png")));
    }

    [Fact]
    public async Task AppendingAFolderToAFileSaysItIsAFolderAndLeavesTheFile()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(4.0))\nimport os; os.mkdir('sub')", dir.Path);
        var before = File.ReadAllBytes(dir.File("a.npy"));

        var (code, _, stderr) = await Cli.RunAsync("append", dir.File("a.npy"), dir.File("sub"));

        Assert.Equal(1, code);
        Assert.Equal($"error: {dir.File("sub")}: is a folder\n", stderr.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(dir.File("a.npy")));
    }

    [Fact]
    public async Task VerifyReportsAFolderAsAFailedInputAndChecksTheOthers()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(4.0))\nimport os; os.mkdir('sub')", dir.Path);

        var (code, stdout, _) = await Cli.RunAsync("verify", dir.File("a.npy"), dir.File("sub"));

        Assert.Equal(1, code);
        Assert.Contains($"{dir.File("a.npy")}: ok (1 array(s), 32 data bytes)", stdout, StringComparison.Ordinal);
        Assert.Contains($"{dir.File("sub")}: FAILED: is a folder", stdout, StringComparison.Ordinal);
        Assert.Contains("2 file(s) verified: 1 ok, 1 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertStillPacksAFolderIntoAnArchive()
    {
        using var dir = new TempDir();
        NumPy.Run("import os; os.mkdir('sub'); np.save('sub/b.npy', np.arange(3.0))", dir.Path);

        var (code, _, stderr) = await Cli.RunAsync("convert", dir.File("sub") + "/", dir.File("packed.npz"));

        Assert.True(code == 0, stderr);
        Assert.Equal("['b'] True", NumPy.Run("z = np.load('packed.npz'); print(z.files, (z['b'] == np.arange(3.0)).all())", dir.Path).Trim());
    }
}
