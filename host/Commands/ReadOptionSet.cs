using System.CommandLine;
using Formats.Numpy;
using Formats.Plugins.Text;

namespace Formats.Host.Commands;

/// <summary>The options that say how to read an input: format override, raw layout, member and rows.</summary>
internal sealed class ReadOptionSet
{
    public Option<string?> From { get; } = new("--from") { Description = "Input format (overrides magic bytes and extension)", HelpName = "FMT" };

    public Option<DType?> DType { get; } = ParsedOption.Create<DType?>("--dtype", DTypeDescr.Parse,
        "Raw input dtype, NumPy descr such as <f4 or [('x','<i4')]", "DESCR");

    // Wrapped: System.CommandLine gives an array-typed option an empty array when it is absent.
    public Option<RawShape?> Shape { get; } = ParsedOption.Create<RawShape?>("--shape", t => new RawShape(RawLayout.ParseShape(t)),
        "Raw input shape, e.g. 100,3 or -1,3 (one -1 is inferred from the length; default: 1-D from the length)", "D0,D1,...");

    public Option<long?> Offset { get; } = ParsedOption.Create<long?>("--offset", t => ParsedOption.Integer(t, long.MinValue, long.MaxValue),
        "Raw input: bytes to skip before the data", "N");

    public Option<ArrayOrder?> Order { get; } = ParsedOption.Create<ArrayOrder?>("--order", ParseOrder, "Raw input element order", "C|F");

    public Option<string?> Name { get; } = new("--name") { Description = "Archive member to read (or to write, for archive output)", HelpName = "MEMBER" };

    public Option<(long? Start, long? Stop)?> Rows { get; } = ParsedOption.Create<(long? Start, long? Stop)?>("--rows", t => RowRange.ParseSlice(t),
        "Only rows START:STOP along axis 0 (C or Fortran order; an archive member read in part is not CRC-checked)", "START:STOP");

    public Option<int?> MaxHeaderSize { get; } = ParsedOption.Create<int?>("--max-header-size", t => (int)ParsedOption.Integer(t, 64, int.MaxValue),
        "Longest NPY header accepted, in characters (NumPy's max_header_size; default 10000). Raise only for trusted files", "N");

    public Option<int?> SkipRows { get; } = ParsedOption.Create<int?>("--skip-rows", t => (int)ParsedOption.Integer(t, 0, int.MaxValue),
        "Text input (.csv, .tsv, .txt): lines to skip first, comments included (np.loadtxt's skiprows)", "N");

    public IEnumerable<Option> Layout => [From, DType, Shape, Offset, Order, SkipRows, MaxHeaderSize];

    /// <summary>Adds the options that describe how to read a file (<see cref="Layout"/>) to <paramref name="command"/>.</summary>
    public void AddLayoutTo(Command command)
    {
        foreach (var o in Layout)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The read request the options describe; <paramref name="input"/>, when one file is read, decides
    /// whether <c>--dtype</c> is a text file's dtype (.csv, .tsv, .txt, or <c>--from</c> one of them) or raw data's.</summary>
    public ReadRequest ToRequest(ParseResult parse, bool withMember = true, bool withRows = true, string? input = null)
    {
        var dtype = parse.GetValue(DType);
        var shape = parse.GetValue(Shape);
        var order = parse.GetValue(Order);
        var offset = parse.GetValue(Offset);
        var skip = parse.GetValue(SkipRows);
        var text = IsText(parse.GetValue(From), input);
        RawLayout? layout = null;
        if (dtype is not null && !text)
        {
            layout = new RawLayout(dtype, null, offset ?? 0, order ?? ArrayOrder.C);
            layout = shape is null ? layout : layout.WithShape(shape.Dimensions);
        }
        else if (shape is not null || offset is not null || order is not null)
        {
            throw new ArrayFormatException("--shape, --offset and --order describe raw input and need --dtype");
        }

        if (skip is not null && !text)
        {
            throw new ArrayFormatException("--skip-rows applies to text input (.csv, .tsv, .txt)");
        }

        var (start, stop) = withRows && parse.GetValue(Rows) is { } rows ? rows : (null, null);
        var request = new ReadRequest
        {
            Format = parse.GetValue(From) ?? (layout is not null ? "raw" : null),
            Layout = layout,
            Member = withMember ? parse.GetValue(Name) : null,
            RowStart = start,
            RowStop = stop,
            MaxHeaderSize = parse.GetValue(MaxHeaderSize),
        };
        return text && (dtype is not null || skip is not null)
            ? request.With(new TextReadOptions { DType = dtype ?? Formats.DType.Float64, SkipRows = skip ?? 0 })
            : request;
    }

    // The letters are read where jobs and worker rules read them; a bad one is a usage error here.
    private static ArrayOrder? ParseOrder(string text)
    {
        try
        {
            return Formats.Hosting.JobRead.ParseOrder(text);
        }
        catch (ArrayFormatException e)
        {
            throw new FormatException("C or F", e);
        }
    }

    private static bool IsText(string? from, string? input) =>
        from is "csv" or "tsv" or "txt" || (from is null && Path.GetExtension(input)?.ToLowerInvariant() is ".csv" or ".tsv" or ".txt");
}

/// <summary><c>--shape</c>'s dimensions, one of which may be -1 (<see cref="RawLayout.ParseShape"/>).</summary>
internal sealed record RawShape(long[] Dimensions)
{
    public override string ToString() => string.Join(',', Dimensions);
}
