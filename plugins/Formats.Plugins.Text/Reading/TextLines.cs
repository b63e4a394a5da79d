using System.Text;

namespace Formats.Plugins.Text.Reading;

/// <summary>
/// The data lines of a text file as <c>np.loadtxt</c> sees them: the first <c>skiprows</c> lines dropped, comments cut
/// off, empty lines skipped, fields split on the delimiter (or on runs of white space when there is none). Each line
/// keeps its number in the file (from 0), which NumPy's messages name.
/// </summary>
internal sealed class TextLines(Stream stream, char? delimiter, TextReadOptions options) : IDisposable
{
    private static readonly char[] Blanks = [' ', '\t', '\r', '\f', '\v'];
    private readonly StreamReader reader = new(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
    private int lineNumber = -1;

    /// <summary>The next data line's fields and its line number, or false at the end.</summary>
    public bool Next(out string[] fields, out int line)
    {
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            if (lineNumber < options.SkipRows)
            {
                continue;
            }

            if (options.Comments.Length > 0 && text.IndexOf(options.Comments, StringComparison.Ordinal) is var hash and >= 0)
            {
                text = text[..hash];
            }

            // With a delimiter only an empty line is skipped (NumPy counts "  " as one field); split on white space, a
            // line of white space has no fields.
            fields = delimiter is { } d ? (text.Length == 0 ? [] : text.Split(d)) : text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            line = lineNumber;
            return true;
        }

        fields = [];
        line = lineNumber;
        return false;
    }

    /// <summary>Releases the reader's buffer; the stream belongs to the caller.</summary>
    public void Dispose() => reader.Dispose();
}
