using System.Text;

namespace Formats.Numpy.Tests.Npy;

/// <summary>Version selection, alignment, growth reserve and tolerant reading of NPY preambles.</summary>
public sealed class NpyHeaderCodecTests
{
    [Fact]
    public void ASmallLatin1HeaderIsVersion1AlignedTo64WithTheGrowthReserve()
    {
        var bytes = NpyHeaderCodec.Encode(ArrayHeader.Create(DType.Float64, 3, 6));

        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, bytes.Length % 64);
        Assert.Equal((byte)'\n', bytes[^1]);
        var text = Encoding.Latin1.GetString(bytes, 10, bytes.Length - 10);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 6), }" + new string(' ', 20), text, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderOver65535BytesIsVersion2()
    {
        var header = ArrayHeader.Create(ManyFields("f", 4000), 1);

        var bytes = NpyHeaderCodec.Encode(header);

        Assert.Equal(2, bytes[6]);
        Assert.Null(NpyHeaderCodec.EncodeVersion(header, 1));
        Assert.Equal(0, bytes.Length % 64);
    }

    [Fact]
    public void ANonLatin1FieldNameIsVersion3EvenWhenSmall()
    {
        var header = ArrayHeader.Create(DType.Packed(("\u6e29", DType.Float32)), 2);

        var bytes = NpyHeaderCodec.Encode(header);

        Assert.Equal(3, bytes[6]);
        Assert.Null(NpyHeaderCodec.EncodeVersion(header, 1));
        Assert.Null(NpyHeaderCodec.EncodeVersion(header, 2));
        Assert.Contains("'\u6e29'", Encoding.UTF8.GetString(bytes, 12, bytes.Length - 12), StringComparison.Ordinal);
    }

    [Fact]
    public void ALatin1NonAsciiFieldNameStaysVersion1()
    {
        var bytes = NpyHeaderCodec.Encode(ArrayHeader.Create(DType.Packed(("caf\u00e9", DType.Int8)), 2));

        Assert.Equal(1, bytes[6]);
        Assert.Contains((byte)0xE9, bytes);
    }

    [Fact]
    public void ALargeNonLatin1HeaderIsVersion3()
    {
        var bytes = NpyHeaderCodec.Encode(ArrayHeader.Create(ManyFields("\u5b57", 4000), 1));

        Assert.Equal(3, bytes[6]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryVersionReadsBack(byte major)
    {
        var header = new ArrayHeader(DType.Packed(("a", DType.Int16), ("b", DType.Bytes(3))), new ArrayShape(4, 5), ArrayOrder.Fortran);
        var bytes = NpyHeaderCodec.EncodeVersion(header, major)!;

        var read = NpyHeaderCodec.Read(new MemoryStream(bytes), available: bytes.Length);

        Assert.Equal(header, read.Array);
        Assert.Equal(major, read.Major);
        Assert.Equal($"{major}.0", read.Version);
        Assert.Equal(bytes.Length, read.DataOffset);
    }

    [Theory]
    [InlineData(new long[] { 2, 3 }, ArrayOrder.Fortran, "True", "(2, 3), }" + "                    ")]
    [InlineData(new long[] { 2, 300 }, ArrayOrder.Fortran, "True", "(2, 300), }" + "                  ")]
    [InlineData(new long[] { 3, 1 }, ArrayOrder.Fortran, "False", "(3, 1), }" + "                    ")]
    [InlineData(new long[] { 0, 3 }, ArrayOrder.Fortran, "False", "(0, 3), }" + "                    ")]
    [InlineData(new long[] { 12345 }, ArrayOrder.Fortran, "False", "(12345,), }" + "                ")]
    [InlineData(new long[0], ArrayOrder.C, "False", "(), }")]
    public void FortranOrderAndGrowthReserveFollowNumPy(long[] shape, ArrayOrder order, string fortran, string tail)
    {
        var text = NpyHeaderCodec.HeaderText(new ArrayHeader(DType.UInt8, new ArrayShape(shape), order));

        Assert.Equal($"{{'descr': '|u1', 'fortran_order': {fortran}, 'shape': {tail}", text);
    }

    [Fact]
    public void KeysAreReadInAnyOrderAndOld16ByteAlignmentIsAccepted()
    {
        const string text = "{'shape': (2,), 'descr': '>i4', 'fortran_order': False}";
        var body = Encoding.Latin1.GetBytes(text + "   \n"); // 10 + 59 = 69: not 64-aligned, as files before NumPy 1.14 may be
        byte[] bytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)body.Length, 0, .. body];

        var read = NpyHeaderCodec.Read(new MemoryStream(bytes), available: bytes.Length);

        Assert.Equal(ArrayHeader.Create(DTypeDescr.Parse("'>i4'"), 2), read.Array);
        Assert.Equal(bytes.Length, read.DataOffset);
    }

    [Fact]
    public void TheLimitCountsCharactersNotUtf8Bytes()
    {
        // 3000 fields of a 3-byte character: ~27000 header bytes but ~21000 characters.
        var header = ArrayHeader.Create(ManyFields("\u5b57", 1500), 1);
        var bytes = NpyHeaderCodec.EncodeVersion(header, 3)!;
        var characters = NpyHeaderCodec.HeaderText(header).Length;

        Assert.Equal(header, NpyHeaderCodec.Read(new MemoryStream(bytes), characters + 64, bytes.Length).Array);
        Assert.Throws<MalformedArrayException>(() => NpyHeaderCodec.Read(new MemoryStream(bytes), characters - 1, bytes.Length));
    }

    private static DType ManyFields(string prefix, int count) =>
        DType.Packed([.. Enumerable.Range(0, count).Select(i => ($"{prefix}{i:D5}", DType.UInt8))]);
}
