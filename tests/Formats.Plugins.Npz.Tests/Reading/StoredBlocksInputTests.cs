using Formats.Compression.Inflate;
using Formats.Plugins.Npz.Reading;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Zip;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Reading;

/// <summary>Deflated members made only of stored blocks (incompressible data) are read without inflating.</summary>
public sealed class StoredBlocksInputTests
{
    [Fact]
    public void OurIncompressibleMembersReadAsStoredBlocks()
    {
        var data = Noise(1_000_000, seed: 1);
        var archive = Write(("a", data));
        using (var input = Open(archive, "a.npy"))
        {
            Assert.IsType<StoredBlocksInput>(input.Inner);
        }

        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), ArrayReadOptions.Default);
        Assert.Equal(data, NpzTest.ReadAll(reader, "a"));
        Assert.Equal(data[123_456..654_321], NpzTest.ReadAll(reader, "a", new RowRange(123_456, 654_321)));
    }

    [Fact]
    public void NumPysIncompressibleMembersReadTheSame()
    {
        using var dir = new TempDir();
        var sha = NumPy.Run("""
            import hashlib
            a = np.random.default_rng(5).integers(0, 256, 300_000, dtype=np.uint8)
            np.savez_compressed('n.npz', a=a)
            print(hashlib.sha256(a.tobytes()).hexdigest())
            """, dir.Path).Trim();
        // zlib codes the block holding the NPY header with Huffman codes (its padding spaces repeat), so the member is
        // inflated; the result is the same either way.
        var archive = File.ReadAllBytes(dir.File("n.npz"));
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), ArrayReadOptions.Default);
        Assert.Equal(sha, NpzTest.Sha256(NpzTest.ReadAll(reader, "a")));
    }

    [Fact]
    public void CompressibleMembersInflate()
    {
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)(i / 100)).ToArray();
        using var input = Open(Write(("a", data)), "a.npy");
        Assert.IsNotType<StoredBlocksInput>(input.Inner);
    }

    [Fact]
    public void StoredBlocksThatLieAreLeftToTheInflaterWhichRefusesThem()
    {
        var content = NpzTest.NpyBytes(3000);

        // Two stored blocks, the first LEN/NLEN pair broken: not walkable, and the inflater reports corruption.
        var broken = StoredBlocks(content, 1000);
        broken[2] ^= 0x01;
        AssertRefused(broken, content, "corrupt");

        // Blocks that hold fewer bytes than the directory declares: the inflater's "ends after" error.
        var shortStream = StoredBlocks(content[..^10], 1000);
        AssertRefused(shortStream, content, "truncated or corrupt");

        // Well-formed blocks but a wrong CRC: read without inflating, and still caught.
        var member = RawMember.DeflatedMember("a.npy", content) with { Stored = StoredBlocks(content, 1000), Crc = 0xDEADBEEF };
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(RawZip.Build([member])), ArrayReadOptions.Default);
        var e = Assert.Throws<MalformedArrayException>(() => NpzTest.ReadAll(reader, "a"));
        Assert.Contains("CRC-32 mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamsOfTinyStoredBlocksAreInflatedNotWalked()
    {
        // Valid deflate, but 1-byte blocks: walking them would cost a read and an entry per byte.
        var content = NpzTest.NpyBytes(5000);
        var member = RawMember.DeflatedMember("a.npy", content) with { Stored = StoredBlocks(content, 1) };
        var archive = RawZip.Build([member]);
        using (var input = Open(archive, "a.npy"))
        {
            Assert.IsNotType<StoredBlocksInput>(input.Inner);
        }

        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), ArrayReadOptions.Default);
        Assert.Equal(content[^5000..], NpzTest.ReadAll(reader, "a"));
    }

    private static void AssertRefused(byte[] stored, byte[] content, string problem)
    {
        var member = RawMember.DeflatedMember("a.npy", content) with { Stored = stored };
        var archive = RawZip.Build([member]);
        using (var input = Open(archive, "a.npy"))
        {
            Assert.IsNotType<StoredBlocksInput>(input.Inner);
        }

        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), ArrayReadOptions.Default);
        var e = Assert.ThrowsAny<ArrayFormatException>(() => NpzTest.ReadAll(reader, "a"));
        Assert.Contains("'a.npy'", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    // A deflate stream of stored blocks of at most `block` bytes, the last one final.
    private static byte[] StoredBlocks(byte[] content, int block)
    {
        var output = new MemoryStream();
        for (var at = 0; at < content.Length || at == 0; at += block)
        {
            var length = Math.Min(block, content.Length - at);
            var final = at + length >= content.Length;
            output.Write([(byte)(final ? 1 : 0), (byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8)]);
            output.Write(content, at, length);
            if (final)
            {
                break;
            }
        }

        return output.ToArray();
    }

    private static MemberInput Open(byte[] archive, string fileName)
    {
        var source = new ZipSource(new MemoryStream(archive));
        var directory = ZipDirectory.Read(source);
        var entry = directory.Entries.Single(e => e.FileName == fileName);
        return MemberInput.Open(source, entry, ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset), forData: true);
    }

    private static byte[] Write(params (string Name, byte[] Data)[] members)
    {
        var stream = new MemoryStream();
        using (var writer = NpzTest.Format.CreateWriter(stream, new ArrayWriteOptions { Compress = true }))
        {
            foreach (var (name, data) in members)
            {
                using var sink = writer.BeginArray(name, ArrayHeader.Create(DType.UInt8, data.Length));
                sink.Write(data);
                sink.Complete();
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    private static byte[] Noise(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
