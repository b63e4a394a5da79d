using System.Buffers.Binary;
using System.Text;
using Formats.Numpy;
using Formats.Plugins.Npz.Tests.Support;

namespace Formats.Plugins.Npz.Tests.Safety;

/// <summary>One corrupt or refused archive and what its reader must say about it.</summary>
/// <param name="Name">The case.</param>
/// <param name="Bytes">The archive.</param>
/// <param name="Fragment">Text the problem statement must contain.</param>
internal sealed record NpzBadInputCase(string Name, byte[] Bytes, string Fragment);

/// <summary>
/// The corrupt archives of the NPZ plugin's BadInputTests as a list, built the same way from two small NumPy archives,
/// for checks that run over every one of them (formats verify).
/// </summary>
internal static class NpzBadInputCases
{
    /// <summary>Every case, from NumPy's <c>savez</c> (<paramref name="stored"/>) and <c>savez_compressed</c> (<paramref name="deflated"/>) of a=random(1000), b=arange(10000).</summary>
    public static IReadOnlyList<NpzBadInputCase> Build(byte[] stored, byte[] deflated, Func<byte[], string, long> dataOffset)
    {
        var cases = new List<NpzBadInputCase>();
        void Add(string name, byte[] bytes, string fragment) => cases.Add(new(name, bytes, fragment));

        var flipped = (byte[])stored.Clone();
        flipped[dataOffset(stored, "b") + 100] ^= 0x40;
        Add("flipped_data_byte", flipped, "member 'b.npy' is corrupt: CRC-32 mismatch");

        foreach (var deflate in new[] { false, true })
        {
            var content = NpyBytes(5000);
            var member = (deflate ? RawMember.DeflatedMember("x.npy", content) : RawMember.StoredMember("x.npy", content)) with
            {
                Crc = System.IO.Hashing.Crc32.HashToUInt32(content) ^ 0x1234,
            };
            Add(deflate ? "wrong_crc_deflated" : "wrong_crc_stored", RawZip.Build([member]), "CRC-32 mismatch");
        }

        foreach (var (which, source) in new[] { ("stored", stored), ("deflated", deflated) })
        {
            foreach (var cut in which == "stored" ? new[] { 4, 30, 200, -1, -22, -60, -100 } : [100, 2000, -1, -30, -120])
            {
                var length = cut > 0 ? cut : source.Length + cut;
                Add($"truncated_{which}_{cut}", source[..length], "archive is");
            }
        }

        // zipfile refuses a member whose compressed size reaches into the next local header ("Overlapped entries"),
        // and np.load with it; testzip() names it.
        var overlapping = (byte[])deflated.Clone();
        var deflatedDirectory = (int)BinaryPrimitives.ReadUInt32LittleEndian(overlapping.AsSpan(overlapping.Length - 22 + 16));
        var firstSize = overlapping.AsSpan(deflatedDirectory + 20);
        BinaryPrimitives.WriteUInt32LittleEndian(firstSize, BinaryPrimitives.ReadUInt32LittleEndian(firstSize) + 1);
        Add("compressed_size_one_too_large", overlapping, "member 'a.npy' (");

        Add("declares_gigabytes", RawZip.Build([RawMember.DeflatedMember("bomb.npy", NpyBytes(100)) with { DeclaredSize = 8L << 30 }]), "zip bomb");
        Add("npy_claims_terabytes", RawZip.Build([RawMember.StoredMember("huge.npy", NpyBytes(ArrayHeader.Create(DType.Float64, 1_000_000_000_000), new byte[100]))]),
            "member 'huge.npy' is truncated");
        foreach (var name in new[] { "readme.txt", "data.npy" })
        {
            Add("not_npy_" + name, RawZip.Build([RawMember.StoredMember("a.npy", NpyBytes(3)), RawMember.StoredMember(name, Encoding.ASCII.GetBytes("hello, not an array"))]),
                $"member '{name}' is not an NPY array");
        }

        Add("not_a_zip_short", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "not a zip");
        Add("not_a_zip_text", "hello"u8.ToArray(), "not a zip");
        foreach (var (i, (header, fragment)) in new[]
        {
            ("{'descr': '<f8', 'fortran_order': False, }", "lacks the key(s) 'shape'"),
            ("{'descr': '<q9', 'fortran_order': False, 'shape': (3,), }", "descr"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,", "member 'bad.npy'"),
            ("{'descr': [('a\0b', '<i4')], 'fortran_order': False, 'shape': (3,), }", "NPY header holds a NUL byte"), // np.load: "source code string cannot contain null bytes"
        }.Index())
        {
            var npy = RawNpy(header);
            Add($"bad_member_header_{i}_stored", RawZip.Build([RawMember.StoredMember("bad.npy", npy)]), fragment);
            Add($"bad_member_header_{i}_deflated", RawZip.Build([RawMember.DeflatedMember("bad.npy", npy)]), fragment);
        }

        var wide = ArrayHeader.Create(DType.Packed([.. Enumerable.Range(0, 600).Select(i => ($"field_{i}", DType.Float64))]), 2);
        Add("header_over_limit", RawZip.Build([RawMember.DeflatedMember("wide.npy", NpyBytes(wide, new byte[wide.ByteLength]))]), "MaxHeaderSize");
        Add("encrypted", RawZip.Build([RawMember.StoredMember("secret.npy", NpyBytes(10)) with { Flags = 0x0001 }]), "member 'secret.npy' is encrypted");
        Add("bzip2", RawZip.Build([RawMember.StoredMember("b.npy", NpyBytes(10)) with { Method = 12 }]), "bzip2");

        var good = RawZip.Build([RawMember.StoredMember("a.npy", NpyBytes(10)), RawMember.StoredMember("b.npy", NpyBytes(20))]);
        var eocd = good.Length - 22;
        var cdOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(good.AsSpan(eocd + 16));
        var badSignature = (byte[])good.Clone();
        badSignature[cdOffset + 46 + 5 + 1] ^= 0xFF;
        Add("directory_bad_signature", badSignature, "signature");
        var pastTheEnd = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(pastTheEnd.AsSpan(eocd + 16), 0x7FFF_FFFF);
        Add("directory_past_the_end", pastTheEnd, "central directory");
        var wrongCount = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(wrongCount.AsSpan(eocd + 10), 3);
        Add("directory_wrong_count", wrongCount, "declares 3 members");
        var badLocal = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(badLocal.AsSpan(cdOffset + 42), 7);
        Add("local_header_missing", badLocal, "local header");
        Add("duplicate_member", RawZip.Build([RawMember.StoredMember("a.npy", NpyBytes(10)), RawMember.StoredMember("a.npy", NpyBytes(10))]), "appears twice");

        var ints = NpyBytes(ArrayHeader.Create(DType.Int32, 50_000), [.. Enumerable.Range(0, 50_000).SelectMany(BitConverter.GetBytes)]);
        var deflatedInts = RawMember.DeflatedMember("c.npy", ints);
        var damaged = (byte[])deflatedInts.Stored.Clone();
        damaged.AsSpan(damaged.Length / 2, 64).Fill(0xFF);
        Add("corrupt_deflate_data", RawZip.Build([deflatedInts with { Stored = damaged }]), "member 'c.npy'");
        return cases;
    }

    private static byte[] NpyBytes(ArrayHeader header, ReadOnlySpan<byte> data) => [.. NpyHeaderCodec.Encode(header), .. data];

    private static byte[] NpyBytes(int count) =>
        NpyBytes(ArrayHeader.Create(DType.UInt8, count), Enumerable.Range(0, count).Select(i => (byte)i).ToArray());

    // A v1.0 NPY with the given header text (padded to 118 characters and a newline) and 24 data bytes.
    private static byte[] RawNpy(string headerText)
    {
        var text = Encoding.Latin1.GetBytes(headerText.PadRight(117) + "\n");
        var npy = new byte[10 + text.Length + 24];
        npy[0] = 0x93;
        "NUMPY"u8.CopyTo(npy.AsSpan(1));
        npy[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(npy.AsSpan(8), (ushort)text.Length);
        text.CopyTo(npy, 10);
        return npy;
    }
}
