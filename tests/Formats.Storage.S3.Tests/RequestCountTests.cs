using Formats.Testing;
using Xunit.Abstractions;

namespace Formats.Storage.S3.Tests;

/// <summary>
/// The requests the issue sets goals for, counted by a handler on the SDK's HTTP client and printed (<c>[s3 requests]</c>
/// lines in the test output; the figures are in docs/object-storage.md): <c>info</c> of a 1 GiB stored archive of 100
/// members, one member of it, one row of a 1 GiB <c>.npy</c>.
/// </summary>
public sealed class RequestCountTests(GibibyteObjects objects, ITestOutputHelper output) : IClassFixture<GibibyteObjects>
{
    private const int KiB = 1 << 10;

    private S3Fixture S3 => objects.S3;

    [S3Fact]
    public void InfoOfAGibibyteArchiveListsItsMembersFromTwoGetsOfAtMost128KiB()
    {
        var url = S3.Url("big.npz");
        S3.Counter.Reset();

        var info = S3.Files.Inspect(url, new ReadRequest { IndexOnly = true });

        Report($"info of a {objects.ArchiveLength}-byte stored archive of {GibibyteObjects.Members} members");
        Assert.Empty(info.Entries);
        Assert.Equal(GibibyteObjects.Members, info.Listed.Count);
        Assert.Equal("m042", info.Listed[42].Name);
        Assert.Equal((GibibyteObjects.MemberItems * 8) + 128, info.Listed[42].UnpackedLength);
        Assert.False(info.Listed[42].Compressed);
        Assert.Equal(S3.Counter.Requests.Count, S3.Counter.Count("GET")); // no LIST: the key names an object
        Assert.True(S3.Counter.Count("GET") <= 2, Describe());
        Assert.True(S3.Counter.BytesOf("GET") <= 128 * KiB, Describe());
    }

    [S3Fact]
    public void OneMemberOfAGibibyteArchiveTakesItsBytesAndAtMost64KiBMoreThanTheDirectory()
    {
        var url = S3.Url("big.npz");
        S3.Counter.Reset();
        _ = S3.Files.Inspect(url, new ReadRequest { IndexOnly = true });
        var directory = S3.Counter.BytesOf("GET");
        S3.Counter.Reset();

        using var member = S3.Files.Read(url, new ReadRequest { Member = "m042" });

        var memberBytes = (GibibyteObjects.MemberItems * 8) + 128;
        Report($"one member ({memberBytes} bytes with its NPY header) of the archive; opening the archive alone took {directory} bytes");
        Assert.All(member.AsSpan<double>().ToArray(), v => Assert.Equal(42.0, v));
        Assert.Equal(0, S3.Counter.Requests.Count(r => r.Method != "GET"));
        Assert.True(S3.Counter.BytesOf("GET") - directory <= memberBytes + (64 * KiB), Describe());
    }

    [S3Fact]
    public void OneRowOfAGibibyteNpyTakesAtMostThreeGets()
    {
        var url = S3.Url("big.npy");
        S3.Counter.Reset();

        using var row = S3.Files.Read(url, new ReadRequest { RowStart = 100_000, RowStop = 100_001 });

        Report("one row (8 KiB) of a 1 GiB .npy");
        Assert.Equal(Enumerable.Range(0, 1024).Select(i => (100_000.0 * 1024) + i), row.AsSpan<double>().ToArray());
        Assert.True(S3.Counter.Requests.Count <= 3, Describe());
    }

    private string Describe() => string.Join("; ", S3.Counter.Requests.Select(r => $"{r.Method} {r.Path} {r.Bytes}"));

    private void Report(string what)
    {
        var line = $"[s3 requests] {what}: {S3.Counter.Requests.Count} request(s), {S3.Counter.Count("GET")} GET, {S3.Counter.BytesOf("GET")} bytes; {Describe()}";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
