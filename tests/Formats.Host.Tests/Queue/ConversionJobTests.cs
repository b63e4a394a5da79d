using System.Text.Json;
using System.Text.RegularExpressions;
using Formats.Host.Queue;
using Formats.Numpy;

namespace Formats.Host.Tests.Queue;

/// <summary>The job JSON as docs/scale-out.md shows it is the job the worker reads.</summary>
public sealed partial class ConversionJobTests
{
    [Fact]
    public void TheDocumentedJobIsReadWithItsDtypeAndShape()
    {
        var docs = File.ReadAllText(Path.Combine(FormatsProcess.RepoRoot, "docs", "scale-out.md"));
        var example = JsonBlock().Match(docs);
        Assert.True(example.Success, "no ```json block in docs/scale-out.md");
        // The docs elide the ids ("3f…"): any text will do for them.
        var job = JsonSerializer.Deserialize(example.Groups[1].Value, QueueJson.Default.ConversionJob);

        Assert.NotNull(job);
        // Its shape's -1 is inferred from the input's size: 3 rows of 64 int16.
        using var dir = new Formats.Testing.TempDir();
        var input = dir.File("r00001.raw");
        File.WriteAllBytes(input, new byte[3 * 64 * 2]);
        var read = job.ToReadRequest(input);
        Assert.NotNull(read.Layout);
        Assert.Equal(DTypeDescr.Parse("<i2"), read.Layout.DType);
        Assert.Equal(new long[] { -1, 64 }, read.Layout.GetShapeWithUnknown());
        Assert.Equal(new ArrayShape(3, 64), Formats.Testing.TestServices.Files().Inspect(input, read).Entries[0].Header.Shape);
        Assert.Equal("r00001", job.ToWriteRequest().MemberName);
    }

    [Fact]
    public void AJobIsWrittenWithTheDocumentedNameAndReadBack()
    {
        var job = new ConversionJob("i", "b", "/in/a.raw", "/out/a.npz", new JobRead(DType: "<f4", Shape: "2,3"), new JobWrite("npz"));
        var text = JsonSerializer.Serialize(job, QueueJson.Default.ConversionJob);

        Assert.Contains("\"dtype\":\"<f4\"", text.Replace("\\u003C", "<", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(job.Read, JsonSerializer.Deserialize(text, QueueJson.Default.ConversionJob)!.Read);
    }

    [Fact]
    public void AJobFromAnEarlierSubmitSpellingDTypeIsStillRead()
    {
        var job = JsonSerializer.Deserialize("""{"id":"i","batch":"b","input":"/a","output":"/b","read":{"dType":"<i4"},"write":{"format":"npy"}}""",
            QueueJson.Default.ConversionJob);

        Assert.Equal(DTypeDescr.Parse("<i4"), job!.ToReadRequest("/a").Layout!.DType);
    }

    [GeneratedRegex(@"```json\s*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
