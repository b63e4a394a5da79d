namespace Formats.Compression.Tests;

/// <summary>How a deflate stream's pieces become its restart index.</summary>
public sealed class RestartIndexBuilderTests
{
    // What a zip extra field can hold next to a Zip64 field (the NPZ plugin's limit): small enough to force coarsening.
    private const int FieldLimit = ushort.MaxValue - 28 - 4;

    [Fact]
    public void StreamsThatDeflate64TimesStillGetAnIndex()
    {
        // The boundary of MaxIndexedRatio: 64 times smaller still gets one.
        var builder = new RestartIndexBuilder(FieldLimit);
        builder.Add(64, 4096);
        builder.Add(64, 4096);
        Assert.NotNull(builder.Build());
    }

    [Fact]
    public void TooManyPiecesForTheFieldRecordEveryKthBoundary()
    {
        // 40,000 pieces of 300 compressed bytes: two-byte varints need 80,000 bytes, more than a field holds.
        var builder = new RestartIndexBuilder(FieldLimit);
        for (var i = 0; i < 40_000; i++)
        {
            builder.Add(300, i == 39_999 ? 100 : 4096);
        }

        var index = Assert.IsType<RestartIndex>(builder.Build());
        Assert.Equal(2 * 4096, index.SegmentLength);
        Assert.Equal(20_000, index.Count);
        Assert.All(index.CompressedLengths, l => Assert.Equal(600, l));

        var data = RestartIndexEncoding.Encode(index);
        Assert.True(data.Length <= FieldLimit);
        var decoded = Assert.IsType<RestartIndex>(RestartIndexEncoding.TryDecode(data, 40_000 * 300, (39_999 * 4096L) + 100));
        Assert.Equal(index.SegmentLength, decoded.SegmentLength);
        Assert.Equal(index.CompressedLengths, decoded.CompressedLengths);
    }

    [Fact]
    public void NoIndexForOnePieceOrPiecesOfUnevenLength()
    {
        var single = new RestartIndexBuilder(FieldLimit);
        single.Add(10, 100);
        Assert.Null(single.Build());

        var uneven = new RestartIndexBuilder(FieldLimit);
        uneven.Add(10, 100);
        uneven.Add(10, 90);
        uneven.Add(10, 100);
        Assert.Null(uneven.Build());

        var lastLonger = new RestartIndexBuilder(FieldLimit);
        lastLonger.Add(10, 100);
        lastLonger.Add(10, 101);
        Assert.Null(lastLonger.Build());

        var exact = new RestartIndexBuilder(FieldLimit);
        exact.Add(10, 100);
        exact.Add(12, 100);
        Assert.Equal([10L, 12L], exact.Build()!.CompressedLengths);
    }
}
