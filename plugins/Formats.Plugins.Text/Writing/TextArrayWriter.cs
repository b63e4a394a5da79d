using Formats.IO;
using Formats.Plugins.Text.Printing;

namespace Formats.Plugins.Text.Writing;

/// <summary>Writes one 1-D or 2-D array as <c>np.savetxt(f, a, fmt, delimiter, header=...)</c> does, byte for byte.</summary>
internal sealed class TextArrayWriter(Stream stream, string delimiter, TextWriteOptions options) : SingleArrayWriter(stream)
{
    protected override string FileKind => "a text file";

    protected override ArrayWriteStream Begin(ArrayHeader header)
    {
        if (header.Shape.Rank is not (1 or 2))
        {
            throw new UnsupportedArrayException($"a text file holds a 1-D or 2-D array, as np.savetxt writes; this one is {header.Shape.Rank}-D {header.Shape}");
        }

        var format = PrintfFormat.Parse(options.Format);
        var columns = ValueColumns.For(header.DType, options.Format);
        if (options.Header.Length > 0)
        {
            Stream.Write(TextEncoding.Encode("# " + options.Header.Replace("\n", "\n# ", StringComparison.Ordinal) + "\n", "the header"));
        }

        return new TextRowWriteStream(Stream, header, format, columns, delimiter);
    }
}
