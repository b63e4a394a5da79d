using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>NumPy writes, we read: every member's dtype, shape, order and bytes match what NumPy loads.</summary>
public sealed class ReadNumPyArchivesTests : IClassFixture<ReadNumPyArchivesTests.Archives>
{
    private readonly Archives archives;

    public ReadNumPyArchivesTests(Archives archives) => this.archives = archives;

    /// <summary>One savez and one savez_compressed archive of mixed members, made once for the class.</summary>
    public sealed class Archives : IDisposable
    {
        public Archives()
        {
            NumPy.Run("""
                rng = np.random.default_rng(7)
                arrays = dict(
                    f8=np.linspace(0, 1, 1000).reshape(10, 100),
                    i2be=np.arange(-50, 50, dtype='>i2'),
                    u1=rng.integers(0, 255, 70000, dtype='u1'),
                    b=np.array([True, False, True]),
                    c16=np.array([1+2j, 3-4j]),
                    fort=np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)),
                    scalar=np.array(3.5, dtype='<f4'),
                    empty=np.zeros((0, 3), dtype='<f8'),
                    s=np.array([b'ab', b'cde'], dtype='S3'),
                    u=np.array(['h\u00e9llo', 'x'], dtype='<U5'),
                    rec=np.array([(1, 2.5, b'x'), (3, 4.5, b'yz')], dtype=[('a', '<i4'), ('b', '<f8'), ('c', 'S2')]),
                    nested=np.zeros(3, dtype=[('p', [('x', '<f4'), ('y', '<f4')]), ('q', '<i8', (2,))]),
                    dt=np.array(['2020-01-01', '2021-06-15'], dtype='datetime64[D]'),
                    ld=np.array([1.5, -np.pi, np.inf], dtype='<f16'),
                    cld=np.array([1+2j, np.nan], dtype='<c32'),
                    ldrec=np.array([(1, 2.5)], dtype=[('', '<i4'), ('b', '>f16')]),
                )
                arrays['\u00f1ame_\u00e9'] = np.arange(3)
                np.savez('stored.npz', np.arange(4), np.ones(2, dtype='<f2'), **arrays)
                np.savez_compressed('deflated.npz', np.arange(4), np.ones(2, dtype='<f2'), **arrays)
                """, Dir.Path);
            Expected = Describe("stored.npz");
        }

        public TempDir Dir { get; } = new();

        public Dictionary<string, JsonElement> Expected { get; }

        public Dictionary<string, JsonElement> Describe(string file) =>
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(NumPy.Run(NpzTest.DescribeWithNumPy(file), Dir.Path))!;

        public void Dispose() => Dir.Dispose();
    }

    [Theory]
    [InlineData("stored.npz", false)]
    [InlineData("deflated.npz", true)]
    public void ListsEveryMemberAsNumPyLoadsIt(string file, bool compressed)
    {
        using var reader = NpzTest.Open(archives.Dir.File(file));
        var entries = reader.Entries;

        // NumPy's order: keyword members, then positional ones; names without .npy.
        Assert.Equal(archives.Expected.Keys, entries.Select(e => e.Name));
        Assert.Equal("arr_0", entries[^2].Name);
        Assert.Contains(entries, e => e.Name == "ñame_é");
        foreach (var entry in entries)
        {
            var expected = archives.Expected[entry.Name];
            Assert.Equal(expected.GetProperty("descr").GetString(), entry.Header.DType.ToString());
            Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), entry.Header.Shape.Dimensions.ToArray());
            Assert.Equal(expected.GetProperty("fortran").GetBoolean(), entry.Header.FortranOrder);
            Assert.Equal(compressed, entry.Compressed);
            Assert.Equal("1.0", entry.Version);
            Assert.Equal(compressed, entry.Data is null);
        }
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("deflated.npz")]
    public void ReadsEveryMembersBytes(string file)
    {
        using var reader = NpzTest.Open(archives.Dir.File(file));
        foreach (var entry in reader.Entries)
        {
            Assert.Equal(archives.Expected[entry.Name].GetProperty("sha").GetString(), NpzTest.Sha256(NpzTest.ReadAll(reader, entry.Name)));
        }
    }

    [Fact]
    public void StoredMembersLieContiguousAtTheirDataOffset()
    {
        var bytes = File.ReadAllBytes(archives.Dir.File("stored.npz"));
        using var reader = NpzTest.Open(archives.Dir.File("stored.npz"));
        foreach (var entry in reader.Entries)
        {
            var offset = (int)entry.Data!.Value.Offset;
            var inPlace = bytes.AsSpan(offset, (int)entry.Header.ByteLength);
            Assert.Equal(archives.Expected[entry.Name].GetProperty("sha").GetString(), NpzTest.Sha256(inPlace));
        }
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("deflated.npz")]
    public void OpensMembersByNameWithOrWithoutSuffixAndSelectsRows(string file)
    {
        using var reader = NpzTest.Open(archives.Dir.File(file));
        var all = NpzTest.ReadAll(reader, "f8");
        Assert.Equal(all, NpzTest.ReadAll(reader, "f8.npy"));

        // Rows 2..5 of a (10, 100) float64 array are bytes [1600, 4000).
        var rows = NpzTest.ReadAll(reader, "f8", new RowRange(2, 5));
        Assert.Equal(all.AsSpan(2 * 800, 3 * 800).ToArray(), rows);
        Assert.Throws<MemberNotFoundException>(() => reader.OpenData("missing"));
        Assert.Throws<MemberNotFoundException>(() => reader.OpenData(null));
    }

    [Fact]
    public void ReadsThroughTheEngineByDetection()
    {
        var info = NpzTest.Files.Inspect(archives.Dir.File("deflated.npz"));
        Assert.Equal("npz", info.Format.Name);
        using var array = NpzTest.Files.Read(archives.Dir.File("deflated.npz"), new ReadRequest { Member = "i2be" });
        var bytes = array.GetBytes().ToArray();
        var values = Enumerable.Range(0, 100).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(2 * i)));
        Assert.Equal(Enumerable.Range(-50, 100).Select(i => (short)i), values);
    }
}
