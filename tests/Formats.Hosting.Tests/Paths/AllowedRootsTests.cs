using Formats.Testing;

namespace Formats.Hosting.Tests.Paths;

/// <summary>Paths are checked as the kernel follows them: links and <c>..</c> resolved before the roots are compared.</summary>
public sealed class AllowedRootsTests
{
    [Fact]
    public void DotDotAndLinksAreResolvedBeforeTheCheck()
    {
        using var dir = new TempDir();
        var allowed = Directory.CreateDirectory(dir.File("allowed")).FullName;
        var outside = Directory.CreateDirectory(dir.File("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret"), "x");
        File.WriteAllText(Path.Combine(allowed, "ok"), "x");
        File.CreateSymbolicLink(Path.Combine(allowed, "file-link"), Path.Combine(outside, "secret"));
        Directory.CreateSymbolicLink(Path.Combine(allowed, "dir-link"), "../outside");
        var roots = new AllowedRoots([allowed]);

        Assert.Equal(Path.Combine(allowed, "ok"), roots.CheckInput(Path.Combine(allowed, "ok"), out var none));
        Assert.Null(none);
        Assert.Null(roots.CheckInput(allowed + "/../outside/secret", out var dotdot));
        Assert.Contains("is outside the folders this worker may use", dotdot, StringComparison.Ordinal);
        Assert.Null(roots.CheckInput(Path.Combine(allowed, "file-link"), out var link));
        Assert.Contains($"(resolved: {Path.Combine(outside, "secret")})", link, StringComparison.Ordinal);
        Assert.Null(roots.CheckInput(Path.Combine(allowed, "dir-link", "secret"), out _));
        // An output's folder is resolved: a link to a folder outside does not let it write there.
        Assert.Null(roots.CheckOutput(Path.Combine(allowed, "dir-link", "new.npz"), out _));
        // '..' after a link is taken from where the link led (outside/..), not from the text (allowed/).
        Assert.Equal(Path.Combine(dir.Path, "ok"), AllowedRoots.Resolve(Path.Combine(allowed, "dir-link", "..", "ok")));
        Assert.Null(roots.CheckInput(Path.Combine(allowed, "dir-link", "..", "allowed", "..", "outside", "secret"), out _));
    }

    [Fact]
    public void AStoreLocationIsAllowedUnderAStoreRootOnlyAndWithoutDotSegments()
    {
        var roots = new AllowedRoots(["/srv/data", "s3://bucket/raw/", "s3://bucket/archive"]);
        var job = new ConversionJob { Input = "s3://bucket/raw/a.npy", Output = "s3://bucket/archive/a.npz" };

        Assert.Equal(job, roots.Check(job, out var none));
        Assert.Null(none);
        Assert.Null(roots.CheckInput("s3://bucket/rawer/a.npy", out var sibling));
        Assert.Contains("is outside the folders this worker may use", sibling, StringComparison.Ordinal);
        Assert.Null(roots.CheckInput("s3://other/raw/a.npy", out _));
        Assert.Null(roots.CheckInput("s3://bucket/raw/../secret/a.npy", out var dotdot));
        Assert.Contains("'..' segments", dotdot, StringComparison.Ordinal);
        Assert.Null(roots.CheckOutput("s3://bucket/archive//a.npz", out _));
        // A store root allows no local path, nor a local root a location in the store.
        Assert.Null(new AllowedRoots(["s3://bucket/"]).CheckInput("/srv/data/a.npy", out _));
        Assert.Null(new AllowedRoots(["/srv/data"]).CheckInput("s3://bucket/raw/a.npy", out _));
    }

    [Fact]
    public void AnOutputNamedByALinkReplacesTheLinkNotItsTarget()
    {
        using var dir = new TempDir();
        var allowed = Directory.CreateDirectory(dir.File("allowed")).FullName;
        File.CreateSymbolicLink(Path.Combine(allowed, "out.npz"), dir.File("elsewhere.npz"));
        var roots = new AllowedRoots([allowed]);

        // The commit renames over the name: the link itself is what gets replaced.
        Assert.Equal(Path.Combine(allowed, "out.npz"), roots.CheckOutput(Path.Combine(allowed, "out.npz"), out _));
    }

    [Fact]
    public void MissingFoldersInsideARootAreAllowedAndLeftToTheConversionToReport()
    {
        using var dir = new TempDir();
        var allowed = Directory.CreateDirectory(dir.File("allowed")).FullName;
        var roots = new AllowedRoots([allowed]);

        Assert.Equal(Path.Combine(allowed, "not", "mounted", "a.npz"), roots.CheckOutput(Path.Combine(allowed, "not", "mounted", "a.npz"), out _));
        Assert.Null(roots.CheckOutput(Path.Combine(allowed, "not", "..", "..", "a.npz"), out _));
        Assert.Null(roots.CheckInput("relative/a.npy", out var relative));
        Assert.Contains("is not an absolute path", relative, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkLoopIsAnErrorNotAHang()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("a"), dir.File("b"));
        File.CreateSymbolicLink(dir.File("b"), dir.File("a"));

        Assert.Throws<IOException>(() => AllowedRoots.Resolve(dir.File("a")));
    }
}
