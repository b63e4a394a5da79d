namespace Formats.Abstractions.Tests.Rows;

/// <summary>
/// Rows of Fortran-ordered data come out in C order, as NumPy saves such a slice, whatever the block size and
/// whether the source can seek; rows of C-order data are one contiguous range.
/// </summary>
public sealed class RowSelectionTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FortranRowsAreTheSliceInCOrder(int seed)
    {
        var random = new Random(seed);
        var shape = Enumerable.Range(0, random.Next(2, 5)).Select(_ => (long)random.Next(1, 7)).ToArray();
        shape[0] = random.Next(2, 12);
        var header = new ArrayHeader(DType.Int32, new ArrayShape(shape), ArrayOrder.Fortran);
        var start = random.Next(0, (int)shape[0]);
        var rows = new RowRange(start, random.Next(start, (int)shape[0] + 1));
        var data = FortranData(header);
        // All rows of a Fortran array are the array itself, still Fortran-ordered (np.save keeps fortran_order).
        var expected = rows.Count == shape[0] && header.IsFortranOnly ? data : ExpectedCOrder(header, rows);
        var previous = FortranRowsReadStream.BlockBytes;
        try
        {
            FortranRowsReadStream.BlockBytes = random.Next(1, 64);
            foreach (var seekable in new[] { true, false })
            {
                var prefix = 5;
                var bytes = new byte[prefix + data.Length];
                data.CopyTo(bytes, prefix);
                using var source = seekable ? new MemoryStream(bytes) : (Stream)new ForwardOnly(new MemoryStream(bytes[prefix..]));
                using var stream = RowSelection.Open(source, seekable ? prefix : 0, header, rows);
                var got = new byte[stream.Length];
                stream.ReadExactly(got);
                Assert.Equal(RowSelection.Select(header, rows), stream.Header);
                Assert.Equal(expected, got);
                Assert.Equal(0, stream.Read(new byte[1]));
            }
        }
        finally
        {
            FortranRowsReadStream.BlockBytes = previous;
        }
    }

    [Fact]
    public void SelectedFortranRowsAreCOrderUnlessAllOrNone()
    {
        var header = new ArrayHeader(DType.Float64, new ArrayShape(4, 3), ArrayOrder.Fortran);
        Assert.Equal(ArrayOrder.C, RowSelection.Select(header, new RowRange(1, 3)).Order);
        Assert.Equal(header, RowSelection.Select(header, new RowRange(0, 4)));
        Assert.Null(RowSelection.Locate(header, new RowRange(1, 3), new DataRange(100, header.ByteLength)));
        Assert.Equal(new DataRange(100, 96), RowSelection.Locate(header, new RowRange(0, 4), new DataRange(100, 96)));
    }

    [Fact]
    public void CRowsLieInsideTheArraysRange()
    {
        var header = ArrayHeader.Create(DType.Int16, 10, 3);
        Assert.Equal(new DataRange(112, 24), RowSelection.Locate(header, new RowRange(2, 6), new DataRange(100, 60)));
        Assert.Throws<ArrayFormatException>(() => RowSelection.Locate(header, new RowRange(2, 11), new DataRange(100, 60)));
        Assert.Throws<ArrayFormatException>(() => RowSelection.Select(ArrayHeader.Create(DType.Int16), new RowRange(0, 0)));
    }

    // Each element holds its own Fortran position, so any misplaced item shows.
    private static byte[] FortranData(ArrayHeader header)
    {
        var values = new int[header.ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i;
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    private static byte[] ExpectedCOrder(ArrayHeader header, RowRange rows)
    {
        var dims = header.Shape.Dimensions.ToArray();
        dims[0] = rows.Count;
        var count = dims.Aggregate(1L, (a, b) => a * b);
        var result = new int[count];
        var index = new long[dims.Length];
        for (long c = 0; c < count; c++)
        {
            long fortran = 0, stride = 1;
            for (var k = 0; k < dims.Length; k++)
            {
                fortran += (k == 0 ? index[k] + rows.Start : index[k]) * stride;
                stride *= header.Shape[k];
            }

            result[c] = (int)fortran;
            for (var k = dims.Length - 1; k >= 0 && ++index[k] == dims[k]; k--)
            {
                index[k] = 0;
            }
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()).ToArray();
    }

    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
