using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Formats.Hosting.Tests.Jobs;

/// <summary>The job JSON as docs/scale-out.md shows it is the job the worker reads, and jobs written today read as before.</summary>
public sealed partial class ConversionJobTests
{
    [Fact]
    public void TheDocumentedJobIsReadWithItsDtypeAndShape()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "scale-out.md"));
        var example = JsonBlock().Match(docs);
        Assert.True(example.Success, "no ```json block in docs/scale-out.md");
        // The docs elide the ids ("3f…"): any text will do for them.
        var job = ConversionJob.FromJson(example.Groups[1].Value);

        // Its shape's -1 is inferred from the input's size: 3 rows of 64 int16.
        using var dir = new Formats.Testing.TempDir();
        var input = dir.File("r00001.raw");
        File.WriteAllBytes(input, new byte[3 * 64 * 2]);
        var read = (job with { Input = input }).ToReadRequest();
        Assert.NotNull(read.Layout);
        Assert.Equal("raw", read.Format);
        Assert.Equal(DType.Parse("<i2"), read.Layout.DType);
        Assert.Equal(new long[] { -1, 64 }, read.Layout.GetShapeWithUnknown());
        Assert.Equal(new ArrayShape(3, 64), Formats.Testing.TestServices.Files().Inspect(input, read).Entries[0].Header.Shape);
        Assert.Equal("r00001", job.ToWriteRequest().MemberName);
    }

    [Fact]
    public void AJobIsWrittenWithTheDocumentedNamesAndReadBack()
    {
        var job = new ConversionJob { Id = "i", Batch = "b", Input = "/in/a.raw", Output = "/out/a.npz", Read = new JobRead(DType: "<f4", Shape: "2,3"), Write = new JobWrite("npz") };
        var text = Encoding.UTF8.GetString(job.ToJson()).Replace("\\u003C", "<", StringComparison.Ordinal);

        Assert.Equal("""{"id":"i","batch":"b","input":"/in/a.raw","output":"/out/a.npz","read":{"dtype":"<f4","shape":"2,3","offset":0,"fortranOrder":false},"write":{"format":"npz","compress":false,"alignment":0}}""", text);
        Assert.Equal(job, ConversionJob.FromJson(text));
    }

    [Fact]
    public void AJobFromAnEarlierSubmitSpellingDTypeIsStillRead()
    {
        var job = ConversionJob.FromJson("""{"id":"i","batch":"b","input":"/a","output":"/b","read":{"dType":"<i4"},"write":{"format":"npy"}}""");

        Assert.Equal(DType.Parse("<i4"), job.ToReadRequest().Layout!.DType);
    }

    [Fact]
    public void AMessageWithoutInputOrOutputIsNotAJob()
    {
        Assert.Throws<JsonException>(() => ConversionJob.FromJson("""{"id":"i","output":"/b"}"""));
        Assert.Throws<JsonException>(() => ConversionJob.FromJson("null"));
        Assert.ThrowsAny<JsonException>(() => ConversionJob.FromJson("not json"));
    }

    [Fact]
    public void OrderLettersAreReadInOnePlace()
    {
        Assert.Equal(ArrayOrder.C, JobRead.ParseOrder("c"));
        Assert.Equal(ArrayOrder.Fortran, JobRead.ParseOrder("F"));
        Assert.Equal(ArrayOrder.Fortran, JobRead.ParseOrder("fortran"));
        Assert.Throws<ArrayFormatException>(() => JobRead.ParseOrder("K"));
        var rule = new ConversionRule { Pattern = "*.dat", DType = "<i2", Shape = [-1, 4], Order = "f" };
        Assert.Equal(new JobRead(DType: "<i2", Shape: "-1,4", FortranOrder: true), rule.ToJobRead());
    }

    [GeneratedRegex(@"```json\s*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
