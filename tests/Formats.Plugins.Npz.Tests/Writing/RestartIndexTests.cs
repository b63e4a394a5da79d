using System.Buffers.Binary;
using System.IO.Compression;
using Formats.Compression;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Writing;

namespace Formats.Plugins.Npz.Tests.Writing;

/// <summary>The restart index our writer puts in the central directory (its builder and encoding: Formats.Compression.Tests).</summary>
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

        // The builder's rule at the boundary (64 times smaller still gets one): RestartIndexBuilderTests.
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
}
