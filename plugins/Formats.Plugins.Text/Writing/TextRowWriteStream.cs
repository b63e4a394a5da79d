using System.Text;
using Formats.Plugins.Text.Printing;

namespace Formats.Plugins.Text.Writing;

/// <summary>
/// Receives the array's bytes in any chunks and writes each complete row as a line: a 1-D array one value per line,
/// a 2-D array one row per line. Fortran-ordered data is gathered and transposed first (a transpose needs it all).
/// </summary>
internal sealed class TextRowWriteStream : ArrayWriteStream
{
    private const long TransposeLimit = 1L << 30;
    private const int LinesPerFlush = 4096;
    private readonly Stream target;
    private readonly PrintfFormat format;
    private readonly ValueColumns columns;
    private readonly string delimiter;
    private readonly int rowBytes;
    private readonly byte[] pending;
    private readonly byte[]? fortran;
    private readonly StringBuilder text = new();
    private int pendingLength;
    private int linesInText;

    public TextRowWriteStream(Stream target, ArrayHeader header, PrintfFormat format, ValueColumns columns, string delimiter)
        : base(header)
    {
        this.target = target;
        this.format = format;
        this.columns = columns;
        this.delimiter = delimiter;
        var perRow = header.Shape.Rank == 2 ? header.Shape[1] : 1;
        rowBytes = checked((int)(perRow * header.DType.ItemSize));
        pending = new byte[Math.Max(rowBytes, 1)];
        if (header.IsFortranOnly)
        {
            if (header.ByteLength > TransposeLimit)
            {
                throw new UnsupportedArrayException($"writing a Fortran-ordered array of {header.ByteLength} bytes as text needs a transpose larger than {TransposeLimit} bytes");
            }

            fortran = GC.AllocateUninitializedArray<byte>((int)header.ByteLength);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckRoom(buffer.Length);
        if (fortran is not null)
        {
            buffer.CopyTo(fortran.AsSpan((int)Written));
            Written += buffer.Length;
            return;
        }

        Written += buffer.Length;
        WriteRows(buffer);
    }

    public override void Complete()
    {
        CheckComplete();
        if (fortran is not null)
        {
            var c = GC.AllocateUninitializedArray<byte>(fortran.Length);
            ArrayTranspose.FortranToC(fortran, c, Header.Shape, Header.DType.ItemSize);
            WriteRows(c);
        }

        if (rowBytes == 0 && Header.Shape.Rank == 2)
        {
            // A (N, 0) array: np.savetxt writes N empty lines.
            text.Append('\n', checked((int)Header.Shape[0]));
        }

        FlushText();
    }

    public override void Flush() => FlushText();

    private void WriteRows(ReadOnlySpan<byte> data)
    {
        if (rowBytes == 0)
        {
            return;
        }

        if (pendingLength > 0)
        {
            var take = Math.Min(rowBytes - pendingLength, data.Length);
            data[..take].CopyTo(pending.AsSpan(pendingLength));
            pendingLength += take;
            data = data[take..];
            if (pendingLength < rowBytes)
            {
                return;
            }

            AppendRow(pending);
            pendingLength = 0;
        }

        while (data.Length >= rowBytes)
        {
            AppendRow(data[..rowBytes]);
            data = data[rowBytes..];
        }

        data.CopyTo(pending);
        pendingLength = data.Length;
    }

    private void AppendRow(ReadOnlySpan<byte> row)
    {
        var start = text.Length;
        var itemSize = Header.DType.ItemSize;
        for (var offset = 0; offset < row.Length; offset += itemSize)
        {
            if (offset > 0)
            {
                text.Append(delimiter);
            }

            columns.Append(text, row.Slice(offset, itemSize), format, delimiter);
        }

        if (columns.IsComplex)
        {
            // NumPy writes ' (%s+%sj)' and then replaces '+-' with '-' in the line.
            text.Replace("+-", "-", start, text.Length - start);
        }

        text.Append('\n');
        if (++linesInText >= LinesPerFlush)
        {
            FlushText();
        }
    }

    private void FlushText()
    {
        if (text.Length == 0)
        {
            return;
        }

        target.Write(TextEncoding.Encode(text.ToString(), "a value"));
        text.Clear();
        linesInText = 0;
    }
}
