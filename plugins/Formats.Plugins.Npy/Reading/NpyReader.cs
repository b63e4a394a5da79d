using Formats.IO;
using Formats.Npy;

namespace Formats.Plugins.Npy.Reading;

/// <summary>Reads the NPY header on construction; data on demand, seeking straight to selected rows.</summary>
internal sealed class NpyReader : IArrayReader
{
    private readonly Stream stream;
    private readonly long start;
    private readonly NpyHeader header;
    private bool dataOpened;

    public NpyReader(Stream stream, ArrayReadOptions options)
    {
        this.stream = stream;
        start = stream.CanSeek ? stream.Position : 0;
        var available = StreamIO.RemainingLength(stream);
        header = NpyHeaderCodec.Read(stream, options.MaxHeaderSize, available);
        var dataBytes = header.Array.ByteLength;
        if (available is { } total && total - header.DataOffset < dataBytes)
        {
            throw new MalformedArrayException(
                $"data is truncated: the header declares {dataBytes} bytes ({header.Array.DType} {header.Array.Shape}) but only {total - header.DataOffset} follow it (file seems not fully written)");
        }

        Entries = [new ArrayEntry("", header.Array) { Version = header.Version, DataOffset = start + header.DataOffset, StoredLength = dataBytes }];
    }

    public IReadOnlyList<ArrayEntry> Entries { get; }

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        if (!string.IsNullOrEmpty(name))
        {
            throw new ArrayFormatException($"an NPY file holds one unnamed array, not a member '{name}'");
        }

        var array = header.Array;
        var skip = 0L;
        if (rows is { } r)
        {
            if (array.Shape.Rank == 0)
            {
                throw new ArrayFormatException("a 0-d array has no rows to select");
            }

            if (NpyHeaderCodec.IsFortranOnly(array))
            {
                throw new ArrayFormatException("row selection needs a C-order array; this one is Fortran-ordered");
            }

            if (r.Start < 0 || r.Stop > array.Shape[0] || r.Start > r.Stop)
            {
                throw new ArrayFormatException($"rows [{r.Start}, {r.Stop}) are outside the array's {array.Shape[0]} rows");
            }

            skip = r.Start * array.RowByteLength;
            array = array with { Shape = array.Shape.WithLength0(r.Count) };
        }

        if (stream.CanSeek)
        {
            stream.Position = start + header.DataOffset + skip;
        }
        else
        {
            if (dataOpened)
            {
                throw new InvalidOperationException("the data of an unseekable NPY stream can be read only once");
            }

            StreamIO.Skip(stream, skip, "NPY data");
        }

        dataOpened = true;
        return new NpyReadStream(stream, array);
    }

    public void Dispose()
    {
        // The stream belongs to the caller.
    }
}
