using System.Buffers.Binary;
using System.Text;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Safety;

/// <summary>
/// Hostile and broken archives: each fails with the library's exception (never a raw InvalidDataException,
/// IndexOutOfRangeException or EndOfStreamException), with a message that says what is wrong and where.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Bases>
{
    private readonly Bases bases;

    public BadInputTests(Bases bases) => this.bases = bases;

    /// <summary>Small archives written by NumPy, to break.</summary>
    public sealed class Bases : IDisposable
    {
        public Bases()
        {
            NumPy.Run("""
                rng = np.random.default_rng(1)
                np.savez('stored.npz', a=rng.random(1000), b=np.arange(10000))
                np.savez_compressed('deflated.npz', a=rng.random(1000), b=np.arange(10000))
                np.savez_compressed('objects.npz', o=np.array([{'a': 1}, None], dtype=object), n=np.arange(3))
                """, Dir.Path);
            Stored = File.ReadAllBytes(Dir.File("stored.npz"));
            Deflated = File.ReadAllBytes(Dir.File("deflated.npz"));
        }

        public TempDir Dir { get; } = new();

        public byte[] Stored { get; }

        public byte[] Deflated { get; }

        public void Dispose() => Dir.Dispose();
    }

    [Fact]
    public void FlippedDataByteIsACrcMismatchNamingTheMember()
    {
        var bytes = (byte[])bases.Stored.Clone();
        using (var reader = Open(bytes))
        {
            var offset = reader.Entries.Single(e => e.Name == "b").Data!.Value.Offset;
            bytes[offset + 100] ^= 0x40;
        }

        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(bytes));
        Assert.Contains("member 'b.npy'", e.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32 mismatch", e.Message, StringComparison.Ordinal);

        // The engine reports the same through its facade, naming the file.
        var path = Save(bytes, "crc.npz");
        var viaEngine = Assert.Throws<MalformedArrayException>(() => NpzTest.Files.Read(path, new ReadRequest { Member = "b" }).Dispose());
        Assert.Contains("CRC-32 mismatch", viaEngine.Message, StringComparison.Ordinal);
        Assert.Equal(path, viaEngine.SourcePath);
    }

    [Fact]
    public void EveryListedCorruptArchiveIsRefusedWithItsReason()
    {
        var cases = NpzBadInputCases.Build(bases.Stored, bases.Deflated, (bytes, name) =>
        {
            using var reader = Open(bytes);
            return reader.Entries.Single(e => e.Name == name).Data!.Value.Offset;
        });
        Assert.True(cases.Count >= 30, $"only {cases.Count} cases");
        foreach (var c in cases)
        {
            var e = Assert.ThrowsAny<ArrayFormatException>(() => ReadEverything(c.Bytes));
            Assert.True(e.Message.Contains(c.Fragment, StringComparison.Ordinal), $"{c.Name}: {e.Message}");
        }
    }

    [Fact]
    public void WhatNumPyOrZipfileRefuseVerifyRefusesToo()
    {
        // Issue #19 item 14: both read (and verified) as ok.
        var cases = NpzBadInputCases.Build(bases.Stored, bases.Deflated, (bytes, name) => 0)
            .Where(c => c.Name is "compressed_size_one_too_large" or "bad_member_header_3_stored" or "bad_member_header_3_deflated").ToList();
        Assert.Equal(3, cases.Count);
        using var dir = new TempDir();
        foreach (var c in cases)
        {
            File.WriteAllBytes(dir.File(c.Name + ".npz"), c.Bytes);
            var e = Assert.ThrowsAny<ArrayFormatException>(() => ReadEverything(c.Bytes));
            Assert.Contains(c.Fragment, e.Message, StringComparison.Ordinal);
        }

        var numpy = NumPy.Run($$"""
            import zipfile
            for name in {{"[" + string.Join(", ", cases.Select(c => NpzTest.Py(c.Name + ".npz"))) + "]"}}:
                try:
                    bad = zipfile.ZipFile(name).testzip()
                    with np.load(name) as z:
                        [z[k] for k in z.files]
                    print(name, 'testzip flags ' + bad if bad else 'loads')
                except Exception as e:
                    print(name, 'refused')
            """, dir.Path);
        Assert.Equal(3, numpy.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("loads", numpy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrongCrcInTheDirectoryIsACrcMismatch(bool deflated)
    {
        var content = NpzTest.NpyBytes(5000);
        var member = (deflated ? RawMember.DeflatedMember("x.npy", content) : RawMember.StoredMember("x.npy", content)) with
        {
            Crc = System.IO.Hashing.Crc32.HashToUInt32(content) ^ 0x1234,
        };
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(RawZip.Build([member])));
        Assert.Contains("CRC-32 mismatch", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stored", 4)]
    [InlineData("stored", 30)]
    [InlineData("stored", 200)]
    [InlineData("stored", -1)]
    [InlineData("stored", -22)]
    [InlineData("stored", -60)]
    [InlineData("stored", -100)]
    [InlineData("deflated", 100)]
    [InlineData("deflated", 2000)]
    [InlineData("deflated", -1)]
    [InlineData("deflated", -30)]
    [InlineData("deflated", -120)]
    public void TruncatedArchiveIsMalformed(string which, int cut)
    {
        var source = which == "stored" ? bases.Stored : bases.Deflated;
        var length = cut > 0 ? cut : source.Length + cut;
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(source[..length]));
        Assert.Matches("truncated|corrupt|not a zip", e.Message);
    }

    [Fact]
    public void MemberDeclaringGigabytesFromAFewBytesIsRefusedBeforeInflating()
    {
        var content = NpzTest.NpyBytes(100);
        var bomb = RawMember.DeflatedMember("bomb.npy", content) with { DeclaredSize = 8L << 30 };
        var archive = RawZip.Build([bomb]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(archive));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("member 'bomb.npy'", e.Message, StringComparison.Ordinal);
        Assert.Contains("zip bomb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemberInflatingToGigabytesBeyondItsDeclaredSizeStopsWithBoundedAllocation()
    {
        // A valid header for 100 bytes, then 2 GiB of zeros in 2 MB: sync-flushed 1 MiB segments repeated.
        var npy = NpzTest.NpyBytes(ArrayHeader.Create(DType.UInt8, 100), new byte[100]);
        var zeros = RawMember.Deflate(new byte[1 << 20], final: false);
        var stream = new MemoryStream();
        stream.Write(RawMember.Deflate(npy, final: false));
        for (var i = 0; i < 2048; i++)
        {
            stream.Write(zeros);
        }

        stream.Write([0x03, 0x00]); // an empty final block
        var bomb = new RawMember { Name = "bomb.npy", Stored = stream.ToArray(), Content = npy, Method = 8 };
        var archive = RawZip.Build([bomb]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = Open(archive);
        Assert.Equal(new ArrayShape(100), reader.Entries[0].Header.Shape); // listing inflates only the header
        var e = Assert.Throws<MalformedArrayException>(() => NpzTest.ReadAll(reader, "bomb"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
        Assert.Contains("inflates beyond", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressionRatioLimitIsConfigurable()
    {
        var content = NpzTest.NpyBytes(ArrayHeader.Create(DType.Float64, 100_000), new byte[800_000]);
        var archive = RawZip.Build([RawMember.DeflatedMember("zeros.npy", content)]);
        ReadEverything(archive);
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(archive, ArrayReadOptions.Default.With(new DecompressionLimits { MaxCompressionRatio = 50 })));
        Assert.Contains("MaxCompressionRatio", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NpyHeaderClaimingMoreThanTheMemberHoldsIsTruncatedWithoutAllocating()
    {
        var content = NpzTest.NpyBytes(ArrayHeader.Create(DType.Float64, 1_000_000_000_000), new byte[100]);
        var archive = RawZip.Build([RawMember.StoredMember("huge.npy", content)]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(archive));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("member 'huge.npy' is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraversalNamesNeverEscapeTheTargetFolder()
    {
        using var dir = new TempDir();
        var absolute = $"/tmp/formats-npz-escape-{Guid.NewGuid():N}";
        var members = new[] { "ok", "../evil", absolute, "sub/../../evil2" }
            .Select(n => RawMember.StoredMember(n + ".npy", NpzTest.NpyBytes(10)));
        var archive = dir.File("traversal.npz");
        File.WriteAllBytes(archive, RawZip.Build(members));
        var target = Path.Combine(dir.Path, "out") + Path.DirectorySeparatorChar;

        var e = await Assert.ThrowsAsync<MalformedArrayException>(() => NpzTest.Files.ConvertAsync(archive, target));
        Assert.Contains("escape", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("evil.npy")));
        Assert.False(File.Exists(dir.File("evil2.npy")));
        Assert.False(File.Exists(absolute + ".npy"));

        // A failed extraction leaves nothing behind: not the good member, not an empty target folder.
        Assert.False(Directory.Exists(target));
        Assert.Equal(["traversal.npz"], Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("readme.txt")]
    [InlineData("data.npy")]
    public void MemberThatIsNotNpyIsNamed(string name)
    {
        var archive = RawZip.Build([RawMember.StoredMember("a.npy", NpzTest.NpyBytes(3)), RawMember.StoredMember(name, Encoding.ASCII.GetBytes("hello, not an array"))]);
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(archive));
        Assert.Contains($"member '{name}' is not an NPY array", e.Message, StringComparison.Ordinal);

        // The good member still opens on its own: headers are read lazily, member by member.
        using var reader = Open(archive);
        Assert.Equal(3, NpzTest.ReadAll(reader, "a").Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    public void NotAZipIsMalformed(byte[] bytes)
    {
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(bytes));
        Assert.Contains("not a zip", e.Message, StringComparison.Ordinal);
        var viaEngine = Assert.ThrowsAny<ArrayFormatException>(() => NpzTest.Files.Inspect(Save(bytes, "notzip.npz")));
        Assert.EndsWith("notzip.npz", viaEngine.SourcePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, }", "lacks the key(s) 'shape'")]
    [InlineData("{'descr': '<q9', 'fortran_order': False, 'shape': (3,), }", "descr")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3,", "member 'bad.npy'")]
    public void CorruptMemberHeaderIsMalformedAndNamed(string headerText, string expected)
    {
        var text = Encoding.Latin1.GetBytes(headerText.PadRight(117) + "\n");
        var npy = new byte[10 + text.Length + 24];
        npy[0] = 0x93;
        "NUMPY"u8.CopyTo(npy.AsSpan(1));
        npy[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(npy.AsSpan(8), (ushort)text.Length);
        text.CopyTo(npy, 10);
        foreach (var member in new[] { RawMember.StoredMember("bad.npy", npy), RawMember.DeflatedMember("bad.npy", npy) })
        {
            var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(RawZip.Build([member])));
            Assert.Contains("member 'bad.npy'", e.Message, StringComparison.Ordinal);
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HeaderLongerThanMaxHeaderSizeIsRefusedPerMember()
    {
        var header = ArrayHeader.Create(DType.Packed([.. Enumerable.Range(0, 600).Select(i => ($"field_{i}", DType.Float64))]), 2);
        var archive = RawZip.Build([RawMember.DeflatedMember("wide.npy", NpzTest.NpyBytes(header, new byte[header.ByteLength]))]);
        var e = Assert.Throws<MalformedArrayException>(() => ReadEverything(archive));
        Assert.Contains("member 'wide.npy'", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxHeaderSize", e.Message, StringComparison.Ordinal);
        ReadEverything(archive, new ArrayReadOptions { MaxHeaderSize = 100_000 });
    }

    [Fact]
    public void PickledObjectMemberIsRefusedByNameWhileOthersStillOpen()
    {
        using var reader = NpzTest.Open(bases.Dir.File("objects.npz"));
        var e = Assert.Throws<UnsupportedArrayException>(() => reader.Entries);
        Assert.Contains("member 'o.npy'", e.Message, StringComparison.Ordinal);
        Assert.Equal(24, NpzTest.ReadAll(reader, "n").Length);
    }

    [Fact]
    public void EncryptedMemberIsRefused()
    {
        var member = RawMember.StoredMember("secret.npy", NpzTest.NpyBytes(10)) with { Flags = 0x0001 };
        var e = Assert.Throws<UnsupportedArrayException>(() => ReadEverything(RawZip.Build([member])));
        Assert.Contains("member 'secret.npy' is encrypted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedMethodIsRefusedByName()
    {
        var member = RawMember.StoredMember("b.npy", NpzTest.NpyBytes(10)) with { Method = 12 };
        var e = Assert.Throws<UnsupportedArrayException>(() => ReadEverything(RawZip.Build([member])));
        Assert.Contains("bzip2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptCentralDirectoryIsMalformed()
    {
        var good = RawZip.Build([RawMember.StoredMember("a.npy", NpzTest.NpyBytes(10)), RawMember.StoredMember("b.npy", NpzTest.NpyBytes(20))]);
        var eocd = good.Length - 22;
        var cdOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(good.AsSpan(eocd + 16));

        var badSignature = (byte[])good.Clone();
        badSignature[cdOffset + 46 + 5 + 1] ^= 0xFF; // inside the second entry's signature
        Assert.Contains("signature", Assert.Throws<MalformedArrayException>(() => ReadEverything(badSignature)).Message, StringComparison.Ordinal);

        var pastTheEnd = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(pastTheEnd.AsSpan(eocd + 16), 0x7FFF_FFFF);
        Assert.Contains("central directory", Assert.Throws<MalformedArrayException>(() => ReadEverything(pastTheEnd)).Message, StringComparison.Ordinal);

        var wrongCount = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(wrongCount.AsSpan(eocd + 10), 3);
        Assert.Contains("declares 3 members", Assert.Throws<MalformedArrayException>(() => ReadEverything(wrongCount)).Message, StringComparison.Ordinal);

        var badLocal = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(badLocal.AsSpan(cdOffset + 42), 7);
        Assert.Contains("local header", Assert.Throws<MalformedArrayException>(() => ReadEverything(badLocal)).Message, StringComparison.Ordinal);

        var duplicate = RawZip.Build([RawMember.StoredMember("a.npy", NpzTest.NpyBytes(10)), RawMember.StoredMember("a.npy", NpzTest.NpyBytes(10))]);
        Assert.Contains("appears twice", Assert.Throws<MalformedArrayException>(() => ReadEverything(duplicate)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptDeflateDataIsMalformedYetTheHeaderStillLists()
    {
        var content = NpzTest.NpyBytes(ArrayHeader.Create(DType.Int32, 50_000), [.. Enumerable.Range(0, 50_000).SelectMany(BitConverter.GetBytes)]);
        var member = RawMember.DeflatedMember("c.npy", content);
        var stored = (byte[])member.Stored.Clone();
        stored.AsSpan(stored.Length / 2, 64).Fill(0xFF);
        var archive = RawZip.Build([member with { Stored = stored }]);

        using var reader = Open(archive);
        Assert.Equal(new ArrayShape(50_000), reader.Entries[0].Header.Shape);
        var e = Assert.Throws<MalformedArrayException>(() => NpzTest.ReadAll(reader, "c"));
        Assert.Contains("member 'c.npy'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptDeflateDataSaysSoNotThatTheMethodIsUnsupported()
    {
        // Issue #19 item 4: an invalid block type made .NET's inflater say "unsupported compression method".
        var content = NpzTest.NpyBytes(ArrayHeader.Create(DType.Int32, 50_000), [.. Enumerable.Range(0, 50_000).SelectMany(BitConverter.GetBytes)]);
        var member = RawMember.DeflatedMember("c.npy", content);
        var midway = (byte[])member.Stored.Clone();
        midway.AsSpan(midway.Length / 2, 64).Fill(0xFF);
        byte[] badBlockType = [0x07, .. member.Stored.AsSpan(1)]; // BFINAL 1, BTYPE 11 (reserved)
        foreach (var stored in new[] { midway, badBlockType })
        {
            var archive = RawZip.Build([member with { Stored = stored }]);
            var e = Assert.ThrowsAny<ArrayFormatException>(() => ReadEverything(archive));
            Assert.Matches(@"^member 'c\.npy' is corrupt: its deflate data is invalid after \d+ inflated bytes$", e.Message);
        }
    }

    [Fact]
    public void RandomByteDamageOnlyEverRaisesTheLibrarysExceptions()
    {
        var random = new Random(2024);
        var refused = 0;
        foreach (var source in new[] { bases.Stored, bases.Deflated })
        {
            for (var round = 0; round < 150; round++)
            {
                var bytes = (byte[])source.Clone();
                for (var k = 0; k < 1 + (round % 4); k++)
                {
                    // Damage the structures (headers, directory) more often than the bulk data.
                    var at = random.Next(3) == 0 ? random.Next(bytes.Length) : (random.Next(2) == 0 ? random.Next(Math.Min(200, bytes.Length)) : bytes.Length - 1 - random.Next(200));
                    bytes[at] = (byte)random.Next(256);
                }

                try
                {
                    ReadEverything(bytes);
                }
                catch (ArrayFormatException)
                {
                    refused++;
                }
            }
        }

        // Most damage is caught (CRC, structure); the rest hits bytes nothing reads (extra fields, padding).
        Assert.InRange(refused, 150, 300);
    }

    private static IArrayReader Open(byte[] archive) => NpzTest.Format.CreateReader(new MemoryStream(archive), ArrayReadOptions.Default);

    private static void ReadEverything(byte[] archive, ArrayReadOptions? options = null)
    {
        using var reader = NpzTest.Format.CreateReader(new MemoryStream(archive), options ?? ArrayReadOptions.Default);
        foreach (var entry in reader.Entries)
        {
            NpzTest.ReadAll(reader, entry.Name);
        }
    }

    private string Save(byte[] bytes, string name)
    {
        var path = bases.Dir.File(Guid.NewGuid().ToString("N") + name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
