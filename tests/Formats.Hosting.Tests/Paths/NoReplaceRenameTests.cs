using Formats.Testing;

namespace Formats.Hosting.Tests.Paths;

/// <summary>The worker's claims and hand-backs: a rename that moves a file, or leaves both names exactly as they were.</summary>
public sealed class NoReplaceRenameTests
{
    [Fact]
    public void AFreeTargetIsTakenAndTheSourceIsGone()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a"), "input");

        Assert.True(NoReplaceRename.TryMove(dir.File("a"), dir.File("b")));

        Assert.False(File.Exists(dir.File("a")));
        Assert.Equal("input", File.ReadAllText(dir.File("b")));
    }

    [Fact]
    public void AnExistingTargetIsNeverReplaced()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("claimed"), "old");
        File.WriteAllText(dir.File("arrived"), "new");

        Assert.False(NoReplaceRename.TryMove(dir.File("claimed"), dir.File("arrived")));

        Assert.Equal("old", File.ReadAllText(dir.File("claimed")));
        Assert.Equal("new", File.ReadAllText(dir.File("arrived")));
    }

    [Fact]
    public void AVanishedSourceIsNotAnError()
    {
        using var dir = new TempDir();

        Assert.False(NoReplaceRename.TryMove(dir.File("taken-by-another-worker"), dir.File("mine")));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void OtherFailuresAreIOErrorsNamingBothPaths()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a"), "x");

        var e = Assert.ThrowsAny<IOException>(() => NoReplaceRename.TryMove(dir.File("a"), dir.File("a/inside-a-file")));

        Assert.Contains(dir.File("a"), e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("a")));
    }
}
