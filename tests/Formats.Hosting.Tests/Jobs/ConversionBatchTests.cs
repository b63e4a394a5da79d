using Formats.Testing;

namespace Formats.Hosting.Tests.Jobs;

/// <summary><see cref="ConversionBatch"/>: outputs planned before any input runs, clashes named, folders expanded.</summary>
public sealed class ConversionBatchTests
{
    [Fact]
    public void PlanNamesEachOutputAndTheEarlierInputItWouldReplace()
    {
        var converter = new JobConverter(TestServices.Files());
        var jobs = ConversionBatch.Plan(converter, ["/in/a.raw", "/in/b.npy", "/other/a.npy"], "/out", "npz");
        Assert.Equal(["/out/a.npz", "/out/b.npz", "/out/a.npz"], jobs.Select(j => j.Job.Output));
        Assert.Equal([null, null, "/in/a.raw"], jobs.Select(j => j.SameOutputAs));
        Assert.Throws<UnknownFormatException>(() => ConversionBatch.Plan(converter, ["/in/a.raw"], "/out", "nosuch"));
    }

    [Fact]
    public void CreateFolderNeedsItsParent()
    {
        using var dir = new TempDir();
        Assert.True(ConversionBatch.CreateFolder(dir.File("out")));
        Assert.False(ConversionBatch.CreateFolder(dir.File("out")));
        var e = Assert.ThrowsAny<ArrayFormatException>(() => ConversionBatch.CreateFolder(dir.File("no/out")));
        Assert.EndsWith("the output folder's parent does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelismIsOnePerCoreWhenCompressingAndAtLeastOne()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.npy"), NpyFile.Int32s(3));
        Assert.Equal(Environment.ProcessorCount, ConversionBatch.Parallelism([dir.File("a.npy")], compressing: true));
        Assert.Equal(1, ConversionBatch.Parallelism([dir.File("a.npy"), dir.File("missing.npy")], compressing: false));
    }

    [Fact]
    public void ExpandFoldersSkipsNamesStillBeingWritten()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("in/sub"));
        foreach (var name in new[] { "b.npy", "a.npy", ".hidden.npy", "c.npy.tmp", "d.part" })
        {
            File.WriteAllBytes(dir.File("in/" + name), NpyFile.Int32s(1));
        }

        File.WriteAllBytes(dir.File("one.npy"), NpyFile.Int32s(1));
        Assert.Equal([dir.File("in/a.npy"), dir.File("in/b.npy"), dir.File("one.npy")],
            ConversionBatch.ExpandFolders([dir.File("in"), dir.File("one.npy")]));
        Assert.Throws<FileNotFoundException>(() => ConversionBatch.ExpandFolders([dir.File("none")]).ToList());
    }

    [Fact]
    public void ForQueueGivesEachJobItsIdAndRefusesSharedOutputs()
    {
        var jobs = ConversionBatch.ForQueue(["/in/r1.raw", "/in/r2.raw"], "/out", ".npz", "b1", new JobRead { DType = "<i2" }, new JobWrite { Format = "npz" });
        Assert.Equal(["/out/r1.npz", "/out/r2.npz"], jobs.Select(j => j.Output));
        // The engine names each member after its input; a directory store (Zarr) takes the array at its root.
        Assert.All(jobs, j => Assert.Null(j.Write!.Member));
        Assert.All(jobs, j => Assert.Equal("b1", j.Batch));
        Assert.Equal(2, jobs.Select(j => j.Id).Distinct().Count());

        var e = Assert.Throws<ArgumentException>(() => ConversionBatch.ForQueue(["/a/r.raw", "/b/r.npy"], "/out", ".npz", "b1", null, new JobWrite()));
        Assert.Equal("/a/r.raw and /b/r.npy would both be written to /out/r.npz", e.Message);
    }
}
