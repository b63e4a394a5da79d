using Formats.Compression;
using Formats.Compression.Inflate;
using Formats.Numpy;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Tests.Reading;

/// <summary>Full reads of indexed members inflate segments on several threads; the result never differs from a sequential read.</summary>
public sealed class ParallelInflateTests
{
    private const int Piece = 4096;

    public static TheoryData<int> Lengths => new()
    {
        1,                 // one byte: one piece, no index
        (3 * Piece) - 128, // the member (128-byte NPY preamble included) is exactly three pieces
        (5 * Piece) + 1,   // the last piece holds one byte
        100_000,
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ParallelReadsEqualSequentialReadsAndTheData(int length)
    {
        var member = IndexedNpz.Bytes("a", length);
        Assert.Equal(128, NpyHeaderCodec.Encode(member.Header).Length);
        var archive = IndexedNpz.Write(Piece, member);

        foreach (var threads in new[] { 1, 2, 4, 16 })
        {
            Assert.Equal(member.Data, IndexedNpz.Read(archive, "a", threads));
        }

        var indexed = length > Piece;
        using var input = IndexedNpz.OpenInput(archive, "a.npy", 4);
        Assert.Equal(indexed, input.Inner is ParallelInflatedInput);
        Assert.Equal(NpzTest.NpyBytes(member.Header, member.Data), IndexedNpz.ReadAll(input, 3000));
        input.CheckEnd();
    }

    [Fact]
    public void StructuredRowsSpanningSegmentBoundariesReadTheSame()
    {
        // 15-byte records: segment boundaries fall inside records.
        var dtype = DType.Packed(("a", DType.Int32), ("b", DType.Float64), ("c", DType.Bytes(3)));
        var header = ArrayHeader.Create(dtype, 3000);
        var data = new byte[header.ByteLength];
        new Random(4).NextBytes(data);
        var archive = IndexedNpz.Write(Piece, ("rec", header, data));
        Assert.True(IndexedNpz.Entry(archive, "rec.npy").Restarts!.Count > 10);

        Assert.Equal(data, IndexedNpz.Read(archive, "rec", 4));
        Assert.Equal(data, IndexedNpz.Read(archive, "rec", 1));
    }

    [Fact]
    public void AWrongCrcIsCaughtWhenTheWorkersHash()
    {
        // The workers hash their segments and the reader combines them: a directory CRC that does not match must
        // still fail the read, naming the member.
        var archive = IndexedNpz.Write(Piece, IndexedNpz.Bytes("a", 50_000));
        var entry = IndexedNpz.Entry(archive, "a.npy");
        var central = archive.AsSpan().LastIndexOf("PK\x01\x02"u8);
        Assert.Equal(entry.Crc32, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(central + 16)));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(archive.AsSpan(central + 16), entry.Crc32 ^ 0x00F0_0F00u);

        using (var input = IndexedNpz.OpenInput(archive, "a.npy", 2))
        {
            Assert.IsType<ParallelInflatedInput>(input.Inner);
        }

        var e = Assert.Throws<MalformedArrayException>(() => IndexedNpz.Read(archive, "a", 2));
        Assert.Contains("'a.npy'", e.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32 mismatch", e.Message, StringComparison.Ordinal);
        Assert.Equal(IndexedNpz.Bytes("a", 50_000).Data, IndexedNpz.Read(IndexedNpz.Write(Piece, IndexedNpz.Bytes("a", 50_000)), "a", 2));
    }

    [Fact]
    public void SmallOrIncompressibleMembersInflateOnTheCallingThread()
    {
        // Below 1 MiB, or data deflate could not shrink by 1/32 (it inflates at copy speed), threads cost more
        // than they save.
        var small = IndexedNpz.Write(Piece, IndexedNpz.Bytes("a", 500_000));
        Assert.NotNull(IndexedNpz.Entry(small, "a.npy").Restarts);
        Assert.False(ParallelInflatedInput.CanUse(IndexedNpz.Range(small, "a.npy")));
        Assert.True(ParallelInflatedInput.CanUse(IndexedNpz.Range(small, "a.npy"), minLength: 0));

        var noise = new byte[2 << 20];
        new Random(2).NextBytes(noise);
        var incompressible = IndexedNpz.Write(64 << 10, ("r", ArrayHeader.Create(DType.UInt8, noise.Length), noise));
        Assert.NotNull(IndexedNpz.Entry(incompressible, "r.npy").Restarts);
        Assert.False(ParallelInflatedInput.CanUse(IndexedNpz.Range(incompressible, "r.npy")));

        var large = IndexedNpz.Write(64 << 10, IndexedNpz.Bytes("b", 2 << 20));
        Assert.True(ParallelInflatedInput.CanUse(IndexedNpz.Range(large, "b.npy")));
    }

    [Fact]
    public void OnlyFullReadsWithSeveralThreadsUseTheParallelInput()
    {
        var archive = IndexedNpz.Write(Piece, IndexedNpz.Bytes("a", 50_000), IndexedNpz.Bytes("small", 100));
        using (var parallel = IndexedNpz.OpenInput(archive, "a.npy", 2))
        using (var one = IndexedNpz.OpenInput(archive, "a.npy", 1))
        using (var unindexed = IndexedNpz.OpenInput(archive, "small.npy", 4))
        {
            Assert.IsType<ParallelInflatedInput>(parallel.Inner);
            Assert.IsNotType<ParallelInflatedInput>(one.Inner);
            Assert.IsNotType<ParallelInflatedInput>(unindexed.Inner);
        }
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(20_000, 20_100)]
    [InlineData(40_000, 50_000)]
    [InlineData(12_160, 12_161)] // the first byte of segment 3 (128 preamble bytes + 12,160 = 3 × 4096)
    public void RowSelectionsStartAtTheNearestRestartPoint(long start, long stop)
    {
        var member = IndexedNpz.Bytes("a", 50_000);
        var archive = IndexedNpz.Write(Piece, member);
        foreach (var threads in new[] { 1, 4 })
        {
            Assert.Equal(member.Data[(int)start..(int)stop], IndexedNpz.Read(archive, "a", threads, new RowRange(start, stop)));
        }
    }

    [Fact]
    public void ARowSelectionNearTheEndReadsLittleOfTheMember()
    {
        var member = IndexedNpz.Bytes("a", 400_000);
        var archive = IndexedNpz.Write(Piece, member);
        var compressed = IndexedNpz.Entry(archive, "a.npy").CompressedSize;
        var counting = new CountingStream(archive);
        using var reader = NpzTest.Format.CreateReader(counting, ArrayReadOptions.Default);
        _ = reader.Entries;
        var before = counting.BytesRead;
        Assert.Equal(member.Data[399_000..], NpzTest.ReadAll(reader, "a", new RowRange(399_000, 400_000)));
        Assert.True(counting.BytesRead - before < compressed / 10, $"read {counting.BytesRead - before} of {compressed} compressed bytes");
    }

    [Fact]
    public void LengthsThatAddUpButDoNotMatchThePiecesFallBackToASequentialRead()
    {
        var (archive, content, stored, index) = Pieces();

        // Move half of segment 1 into segment 2: the sums hold, so the index is accepted, but segment 1 ends early.
        var lengths = index.CompressedLengths.ToArray();
        var moved = lengths[1] / 2;
        lengths[1] -= moved;
        lengths[2] += moved;
        var wrong = Rebuild(content, stored, IndexedNpz.Field(index.SegmentLength, lengths));
        Assert.NotNull(IndexedNpz.Entry(wrong, "a.npy").Restarts);

        using (var input = IndexedNpz.OpenInput(wrong, "a.npy", 4))
        {
            Assert.Equal(content, IndexedNpz.ReadAll(input));
            Assert.True(((ParallelInflatedInput)input.Inner).FellBack);
            input.CheckEnd();
        }

        Assert.Equal(IndexedNpz.Read(archive, "a", 4), IndexedNpz.Read(wrong, "a", 4));
    }

    [Fact]
    public void AnIndexThatDoesNotFitTheEntryIsIgnored()
    {
        var (archive, content, stored, index) = Pieces();
        var lengths = index.CompressedLengths.ToArray();
        var data = IndexedNpz.Read(archive, "a", 1);
        byte[][] fields =
        [
            IndexedNpz.Field(index.SegmentLength, [.. lengths[..^1], lengths[^1] + 1]),  // lengths not summing
            IndexedNpz.Field(index.SegmentLength, [.. lengths[..^1], lengths[^1] - 1, 1]), // too many entries
            IndexedNpz.Field(index.SegmentLength, [.. lengths[..^2], lengths[^2] + lengths[^1]]), // too few
            IndexedNpz.Field(index.SegmentLength * 2, lengths), // wrong span
            IndexedNpz.FieldOfVersion(2, index.SegmentLength, lengths), // future version
        ];

        foreach (var field in fields)
        {
            var bad = Rebuild(content, stored, field);
            Assert.Null(IndexedNpz.Entry(bad, "a.npy").Restarts);
            Assert.Equal(data, IndexedNpz.Read(bad, "a", 4));
        }

        // The hand-made field with the true lengths is what the writer wrote.
        Assert.Equal(lengths, IndexedNpz.Entry(Rebuild(content, stored, IndexedNpz.Field(index.SegmentLength, lengths)), "a.npy").Restarts!.CompressedLengths);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ACorruptPieceIsMalformedNamingTheMember(int threads)
    {
        var member = IndexedNpz.Bytes("a", 60_000);
        var archive = IndexedNpz.Write(Piece, member);
        var source = new ZipSource(new MemoryStream(archive));
        var directory = ZipDirectory.Read(source);
        var entry = directory.Entries.Single();
        var index = entry.Restarts!;
        var at = ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset) + index.CompressedStart(5) + (index.CompressedLength(5) / 2);
        for (var i = 0; i < 32; i++)
        {
            archive[at + i] ^= 0x5A;
        }

        var e = Assert.Throws<MalformedArrayException>(() => IndexedNpz.Read(archive, "a", threads));
        Assert.Contains("member 'a.npy'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASegmentInflatingToMoreOrFewerBytesIsCaughtBeforeItIsHandedOut()
    {
        var (_, content, stored, index) = Pieces();

        // A smaller segment length than the pieces' (with the same count, so the index is accepted): the first
        // segment inflates beyond it.
        var lengths = index.CompressedLengths.ToArray();
        Assert.Equal((content.Length + 4049) / 4050, lengths.Length);
        var wrong = Rebuild(content, stored, IndexedNpz.Field(4050, lengths));
        Assert.NotNull(IndexedNpz.Entry(wrong, "a.npy").Restarts);
        using var input = IndexedNpz.OpenInput(wrong, "a.npy", 4);
        var first = new byte[10];
        Assert.Equal(10, input.Read(first));
        Assert.True(((ParallelInflatedInput)input.Inner).FellBack);
        Assert.Equal(content[..10], first);
        Assert.Equal(content[10..], IndexedNpz.ReadAll(input));
    }

    [Fact]
    public void DisposingMidReadLeavesNoWorkerRunning()
    {
        var member = IndexedNpz.Bytes("a", 8 << 20, seed: 7);
        var archive = IndexedNpz.Write(256 << 10, member);
        var input = (ParallelInflatedInput)IndexedNpz.OpenInput(archive, "a.npy", 4).Inner;
        var some = new byte[100];
        Assert.Equal(100, input.Read(some));
        var workers = input.Workers;
        Assert.NotEmpty(workers);
        input.Dispose();
        Assert.All(workers, w => Assert.True(w.IsCompleted));
        Assert.Empty(input.Workers);
        input.Dispose();

        // The same through the reader: a stream abandoned after one read disposes cleanly.
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), new ArrayReadOptions { MaxDegreeOfParallelism = 4 });
        using (var data = reader.OpenData("a"))
        {
            Assert.Equal(100, data.Read(some));
        }

        Assert.Equal(member.Data, NpzTest.ReadAll(reader, "a"));
    }

    // A derived MemoryStream's span reads go through the array overload, so counting there counts every read.
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
    }

    // A 60,000-byte member in 4096-byte pieces, rebuilt by hand with the same stored bytes.
    private static (byte[] Archive, byte[] Content, byte[] Stored, RestartIndex Index) Pieces()
    {
        var member = IndexedNpz.Bytes("a", 60_000);
        var archive = IndexedNpz.Write(Piece, member);
        return (archive, NpzTest.NpyBytes(member.Header, member.Data), IndexedNpz.Stored(archive, "a.npy"), IndexedNpz.Entry(archive, "a.npy").Restarts!);
    }

    private static byte[] Rebuild(byte[] content, byte[] stored, byte[] field) =>
        RawZip.Build([new RawMember { Name = "a.npy", Stored = stored, Content = content, Method = 8, CentralExtra = field }]);
}
