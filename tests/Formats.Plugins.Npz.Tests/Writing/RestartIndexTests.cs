using System.Buffers.Binary;
using System.IO.Compression;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Writing;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Tests.Writing;

/// <summary>The restart index our writer puts in the central directory, and its codec.</summary>
public sealed class RestartIndexTests
{
    [Fact]
    public void MultiPieceMembersGetAnIndexWhoseSegmentsInflateOnTheirOwn()
    {
        var many = IndexedNpz.Bytes("many", 10 * 4096 + 123);
        var one = IndexedNpz.Bytes("one", 1000);
        var archive = IndexedNpz.Write(4096, many, one);

        var entry = IndexedNpz.Entry(archive, "many.npy");
        var index = Assert.IsType<RestartIndex>(entry.Restarts);
        Assert.Equal(4096, index.SegmentLength);
        Assert.Equal((entry.UncompressedSize + 4095) / 4096, index.Count);
        Assert.Equal(entry.CompressedSize, index.CompressedLengths.Sum());

        // Every segment is a complete deflate run from an empty window: inflated alone, they give the member.
        var stored = IndexedNpz.Stored(archive, "many.npy");
        var member = new MemoryStream();
        for (var i = 0; i < index.Count; i++)
        {
            var segment = stored.AsSpan((int)index.CompressedStart(i), (int)index.CompressedLength(i)).ToArray();
            using var inflater = new DeflateStream(new MemoryStream(segment), CompressionMode.Decompress);
            var before = member.Length;
            inflater.CopyTo(member);
            Assert.Equal(index.UncompressedLength(i, entry.UncompressedSize), member.Length - before);
        }

        Assert.Equal(NpzTest.NpyBytes(many.Header, many.Data), member.ToArray());

        // One piece: nothing to restart at, no field.
        Assert.Null(IndexedNpz.Entry(archive, "one.npy").Restarts);
    }

    [Fact]
    public void TheIndexIsOnlyInTheCentralDirectory()
    {
        var archive = IndexedNpz.Write(4096, IndexedNpz.Bytes("a", 50_000));
        var entry = IndexedNpz.Entry(archive, "a.npy");
        Assert.NotNull(entry.Restarts);

        // The local header keeps NumPy's 20-byte Zip64 extra and nothing else.
        var local = archive.AsSpan((int)entry.LocalHeaderOffset);
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(local[28..]));
    }

    [Fact]
    public void StoredMembersHaveNoIndex()
    {
        var stream = new MemoryStream();
        using (var writer = new NpzWriter(stream, ArrayWriteOptions.Default, 4096))
        {
            using var sink = writer.BeginArray("s", ArrayHeader.Create(DType.UInt8, 50_000));
            sink.Write(new byte[50_000]);
            sink.Complete();
            writer.Complete();
        }

        Assert.Null(IndexedNpz.Entry(stream.ToArray(), "s.npy").Restarts);
    }

    [Fact]
    public void MembersThatDeflateToAlmostNothingHaveNoIndex()
    {
        // All-ones int32 deflates about 1,000 times: the field would cost more than parallel inflating gains.
        var stream = new MemoryStream();
        var data = new byte[4_000_000];
        for (var i = 0; i < data.Length; i += 4)
        {
            data[i] = 1;
        }

        using (var writer = new NpzWriter(stream, new ArrayWriteOptions { Compress = true }))
        {
            using var sink = writer.BeginArray("ones", ArrayHeader.Create(DType.Int32, 1_000_000));
            sink.Write(data);
            sink.Complete();
            writer.Complete();
        }

        var entry = IndexedNpz.Entry(stream.ToArray(), "ones.npy");
        Assert.True(entry.UncompressedSize > RestartIndexBuilder.MaxIndexedRatio * entry.CompressedSize);
        Assert.Null(entry.Restarts);

        // Builder rule at the boundary: 64 times smaller still gets one.
        var builder = new RestartIndexBuilder();
        builder.Add(64, 4096);
        builder.Add(64, 4096);
        Assert.NotNull(builder.Build());
    }

    [Fact]
    public void TheIndexDoesNotDependOnTheThreadCount()
    {
        var member = IndexedNpz.Bytes("a", 100_000);
        var archives = new[] { 1, 3 }.Select(threads =>
        {
            var stream = new MemoryStream();
            using (var writer = new NpzWriter(stream, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = threads }, 4096))
            {
                using var sink = writer.BeginArray("a", member.Header);
                sink.Write(member.Data);
                sink.Complete();
                writer.Complete();
            }

            return stream.ToArray();
        }).ToList();
        Assert.Equal(archives[0], archives[1]);
    }

    [Fact]
    public void TooManyPiecesForTheFieldRecordEveryKthBoundary()
    {
        // 40,000 pieces of 300 compressed bytes: two-byte varints need 80,000 bytes, more than a field holds.
        var builder = new RestartIndexBuilder();
        for (var i = 0; i < 40_000; i++)
        {
            builder.Add(300, i == 39_999 ? 100 : 4096);
        }

        var index = Assert.IsType<RestartIndex>(builder.Build());
        Assert.Equal(2 * 4096, index.SegmentLength);
        Assert.Equal(20_000, index.Count);
        Assert.All(index.CompressedLengths, l => Assert.Equal(600, l));

        var data = RestartIndexExtra.Encode(index);
        Assert.True(data.Length <= RestartIndexExtra.MaxDataLength);
        var decoded = Assert.IsType<RestartIndex>(RestartIndexExtra.TryDecode(data, 40_000 * 300, (39_999 * 4096L) + 100));
        Assert.Equal(index.SegmentLength, decoded.SegmentLength);
        Assert.Equal(index.CompressedLengths, decoded.CompressedLengths);
    }

    [Fact]
    public void NoIndexForOnePieceOrPiecesOfUnevenLength()
    {
        var single = new RestartIndexBuilder();
        single.Add(10, 100);
        Assert.Null(single.Build());

        var uneven = new RestartIndexBuilder();
        uneven.Add(10, 100);
        uneven.Add(10, 90);
        uneven.Add(10, 100);
        Assert.Null(uneven.Build());

        var lastLonger = new RestartIndexBuilder();
        lastLonger.Add(10, 100);
        lastLonger.Add(10, 101);
        Assert.Null(lastLonger.Build());

        var exact = new RestartIndexBuilder();
        exact.Add(10, 100);
        exact.Add(12, 100);
        Assert.Equal([10L, 12L], exact.Build()!.CompressedLengths);
    }

    [Fact]
    public void DecodingAcceptsOnlyAnIndexThatFitsTheEntryExactly()
    {
        // Three segments of 100 bytes (the last 50) in 10 + 20 + 30 compressed bytes.
        static RestartIndex? Decode(byte[] field, long compressed = 60, long uncompressed = 250) =>
            RestartIndexExtra.TryDecode(field.AsSpan(4), compressed, uncompressed);

        Assert.Equal([10L, 20L, 30L], Decode(IndexedNpz.Field(100, 10, 20, 30))!.CompressedLengths);
        Assert.NotNull(Decode(IndexedNpz.Field(100, 10, 20, 30), uncompressed: 300));

        Assert.Null(Decode(IndexedNpz.Field(100, 10, 20, 31)));          // lengths do not add up
        Assert.Null(Decode(IndexedNpz.Field(100, 10, 20, 29)));
        Assert.Null(Decode(IndexedNpz.Field(100, 10, 20, 30, 0)));       // too many entries
        Assert.Null(Decode(IndexedNpz.Field(100, 10, 20, 15, 15)));
        Assert.Null(Decode(IndexedNpz.Field(100, 30, 30)));              // too few
        Assert.Null(Decode(IndexedNpz.Field(100, 0, 30, 30)));           // a segment of nothing
        Assert.Null(Decode(IndexedNpz.Field(0, 10, 20, 30)));            // no segment length
        Assert.Null(Decode(IndexedNpz.Field(125, 10, 20, 30)));          // 250 bytes are two segments of 125
        Assert.Null(Decode(IndexedNpz.Field(300, 60)));                  // one segment: nothing to restart at
        Assert.Null(Decode(IndexedNpz.FieldOfVersion(2, 100, 10, 20, 30)));       // unknown version
        Assert.Null(Decode(IndexedNpz.WithHeader([.. "NPZR"u8, 1, 100, .. Enumerable.Repeat((byte)0xFF, 9), 0x01, 20, 30]))); // beyond 63 bits
        Assert.Null(Decode(IndexedNpz.Field(100, 10, 20, 30), compressed: 59));
        Assert.Null(RestartIndexExtra.TryDecode([], 60, 250));

        var otherProgram = IndexedNpz.Field(100, 10, 20, 30);
        otherProgram[4] = (byte)'X';
        Assert.Null(Decode(otherProgram));

        var overlong = IndexedNpz.WithHeader([.. "NPZR"u8, 1, 100, 10, 20, 0x9E, 0x00]); // 30 in two bytes
        Assert.Null(Decode(overlong));
        var cut = IndexedNpz.WithHeader([.. "NPZR"u8, 1, 100, 10, 20, 0x9E]);
        Assert.Null(Decode(cut));
    }

    [Fact]
    public void HugeCountsAreRefusedBeforeAllocating()
    {
        // A segment length of 1 for a 2^40-byte member would mean a trillion entries: the field cannot hold them.
        Assert.Null(RestartIndexExtra.TryDecode(IndexedNpz.Field(1, 10, 20, 30).AsSpan(4), 60, 1L << 40));
    }
}
