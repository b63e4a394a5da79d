using Formats.Plugins.Npy.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.BadInput;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Files that claim far more than they hold (header lengths, shapes, item sizes): refusing them must not allocate
/// what they claim. Measured process-wide, with no other test running.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class BoundedAllocationTests
{
    private const long Slack = 1 << 20;
    private static readonly ArrayFiles Files = TestServices.Files();

    [Theory]
    [MemberData(nameof(BadInputCases.HostileNames), MemberType = typeof(BadInputCases))]
    public void RefusingAHostileFileAllocatesLessThanItsSize(string name)
    {
        var c = BadInputCases.Get(name);
        using var dir = new TempDir();
        var path = dir.File(c.FileName);
        File.WriteAllBytes(path, c.Bytes);
        Attempt(() => Files.Read(path, c.Request)); // warm up: JIT, statics, file system caches

        var allocated = Measure(() => Attempt(() => Files.Read(path, c.Request)));

        Assert.True(allocated < c.Bytes.Length + Slack, $"{name}: {allocated} bytes allocated for a {c.Bytes.Length}-byte file");
    }

    [Theory]
    [InlineData(2, 0x7FFF_0000u, "file ends inside the NPY header: 16 of 2147418112 bytes present")]
    [InlineData(3, 0x7FFF_0000u, "file ends inside the NPY header: 16 of 2147418112 bytes present")]
    [InlineData(3, 0xFFFF_FFF0u, "NPY header of 4294967280 bytes exceeds the limit")]
    public void AnUnseekableStreamCannotMakeTheReaderAllocateItsClaimedHeader(byte major, uint claimed, string fragment)
    {
        var bytes = NpyBytes.Preamble(major, 0, claimed, 16);
        var options = new ArrayReadOptions { MaxHeaderSize = int.MaxValue };
        var npy = new NpyFormat();
        Attempt(() => npy.CreateReader(new UnseekableStream(new MemoryStream(bytes)), options));

        MalformedArrayException? refused = null;
        var allocated = Measure(() => refused = Assert.Throws<MalformedArrayException>(
            () => npy.CreateReader(new UnseekableStream(new MemoryStream(bytes)), options)));

        Assert.Contains(fragment, refused!.Problem, StringComparison.Ordinal);
        Assert.True(allocated < bytes.Length + Slack, $"{allocated} bytes allocated for a {bytes.Length}-byte stream");
    }

    private static long Measure(Action action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static void Attempt(Func<object> read)
    {
        try
        {
            (read() as IDisposable)?.Dispose();
            Assert.Fail("the read should have been refused");
        }
        catch (ArrayFormatException)
        {
        }
    }
}
