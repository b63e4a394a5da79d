using Formats.Plugins.Text.Reading;
using Formats.Plugins.Text.Writing;

namespace Formats.Plugins.Text;

/// <summary>
/// Delimited text as <c>np.savetxt</c> writes and <c>np.loadtxt</c> reads it: one row per line, columns split by
/// the format's delimiter. Text has no magic bytes, so these formats are chosen by extension or by name, never by
/// content. Writing takes a <see cref="TextWriteOptions"/> section, reading a <see cref="TextReadOptions"/> section.
/// </summary>
public abstract class TextFormat : IWritableArrayFormat
{
    private readonly char? delimiter;

    /// <summary>A text format with <paramref name="delimiter"/> between columns (null: runs of white space on read, one space on write).</summary>
    private protected TextFormat(string name, string extension, char? delimiter, string what)
    {
        Name = name;
        Extensions = [extension];
        this.delimiter = delimiter;
        Description = what;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; }

    /// <inheritdoc />
    public FormatDetector? Detector => null;

    /// <inheritdoc />
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TextArrayReader.Open(stream, delimiter, options);
    }

    /// <inheritdoc />
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextArrayWriter(stream, (delimiter ?? ' ').ToString(), options.Get<TextWriteOptions>() ?? TextWriteOptions.Default);
    }
}

/// <summary>Comma-separated values (<c>.csv</c>): <c>np.savetxt(f, a, delimiter=',')</c>, <c>np.loadtxt(f, delimiter=',')</c>.</summary>
public sealed class CsvFormat() : TextFormat("csv", ".csv", ',', "comma-separated text (.csv), as np.savetxt/np.loadtxt with delimiter=','");

/// <summary>Tab-separated values (<c>.tsv</c>): <c>np.savetxt(f, a, delimiter='\t')</c>, <c>np.loadtxt(f, delimiter='\t')</c>.</summary>
public sealed class TsvFormat() : TextFormat("tsv", ".tsv", '\t', "tab-separated text (.tsv), as np.savetxt/np.loadtxt with delimiter='\\t'");

/// <summary>Space-separated text (<c>.txt</c>): <c>np.savetxt(f, a)</c> (one space), <c>np.loadtxt(f)</c> (any white space).</summary>
public sealed class TxtFormat() : TextFormat("txt", ".txt", null, "space-separated text (.txt), as np.savetxt/np.loadtxt with their default delimiters");
