using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Hosting.Tests.Jobs;

/// <summary>The outcome policy: bad input fails at once, the file system is worth a retry, and the reason names no option.</summary>
public sealed class JobFailureTests
{
    [Fact]
    public void AMalformedInputIsBadInputAndAMissingOneIsTransient()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.npy"), "not an array");
        var converter = new JobConverter(TestServices.Create().GetRequiredService<ArrayFiles>());
        var bad = new ConversionJob { Input = dir.File("bad.npy"), Output = dir.File("bad.npz") };
        var missing = new ConversionJob { Input = dir.File("gone.npy"), Output = dir.File("gone.npz") };
        var noFolder = new ConversionJob { Input = dir.File("bad.npy"), Output = dir.File("share/out/bad.npz") };

        var badError = Assert.ThrowsAny<ArrayFormatException>(() => converter.Convert(bad, CancellationToken.None));
        var missingError = Assert.ThrowsAny<Exception>(() => converter.Convert(missing, CancellationToken.None));

        Assert.Equal(JobFailureKind.BadInput, JobFailure.Classify(badError, bad));
        Assert.Equal(JobFailureKind.Transient, JobFailure.Classify(missingError, missing));
        Assert.Equal(JobFailureKind.Transient, JobFailure.Classify(badError, noFolder));
        Assert.Equal(JobFailureKind.Cancelled, JobFailure.Classify(new OperationCanceledException(), bad));
        Assert.StartsWith($"{dir.File("bad.npy")}: not an NPY file", JobFailure.Describe(badError), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.npz"));
    }

    [Fact]
    public void AMalformedDirectoryStoreIsBadInput()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("bad.zarr"));
        var job = new ConversionJob { Input = dir.File("bad.zarr"), Output = dir.File("bad.npy") };

        Assert.Equal(JobFailureKind.BadInput, JobFailure.Classify(new MalformedArrayException($"{dir.File("bad.zarr")}: zarr.json is not JSON"), job));
    }

    [Fact]
    public void InAStoreOnlyWhatTheStorageCallsUnreachableIsTransient()
    {
        var job = new ConversionJob { Input = "s3://bucket/raw/a.npy", Output = "s3://bucket/archive/a.npz" };

        Assert.Equal(JobFailureKind.BadInput, JobFailure.Classify(new MalformedArrayException("not an NPY file") { SourcePath = job.Input }, job));
        Assert.Equal(JobFailureKind.Transient, JobFailure.Classify(new ArrayFileAccessException("no such object", missing: true) { SourcePath = job.Input }, job));
        Assert.Equal(JobFailureKind.Transient, JobFailure.Classify(new ArrayFileAccessException("access denied", missing: false) { SourcePath = job.Output }, job));
        Assert.Equal(0, JobConverter.RemoveStaleTemporaries(job.Output));
    }

    [Fact]
    public void AReasonNamesNoCommandLineOption()
    {
        var unknown = new UnknownFormatException("cannot tell the format of /d/x.bin", ["npy", "npz"]) { Remedy = FormatChoice.Read };

        Assert.DoesNotContain("--", JobFailure.Describe(unknown), StringComparison.Ordinal);
        Assert.Equal("a b", JobFailure.Describe(new IOException("a\nb")));
    }
}
