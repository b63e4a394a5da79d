using System.CommandLine;

namespace Formats.Host.Commands;

/// <summary>The options that say how to read an input: format override, raw layout, member and rows.</summary>
internal sealed class ReadOptionSet
{
    public Option<string?> From { get; } = new("--from") { Description = "Input format (overrides magic bytes and extension)", HelpName = "FMT" };

    public Option<string?> DType { get; } = new("--dtype") { Description = "Raw input dtype, NumPy descr such as <f4 or [('x','<i4')]", HelpName = "DESCR" };

    public Option<string?> Shape { get; } = new("--shape") { Description = "Raw input shape, e.g. 100,3 (default: 1-D from the length)", HelpName = "D0,D1,..." };

    public Option<long> Offset { get; } = new("--offset") { Description = "Raw input: bytes to skip before the data", HelpName = "N" };

    public Option<string?> Order { get; } = new("--order") { Description = "Raw input element order", HelpName = "C|F" };

    public Option<string?> Name { get; } = new("--name") { Description = "Archive member to read (or to write, for archive output)", HelpName = "MEMBER" };

    public Option<string?> Rows { get; } = new("--rows") { Description = "Only rows START:STOP along axis 0 (any order; an archive member read in part is not CRC-checked)", HelpName = "START:STOP" };

    public Option<int?> MaxHeaderSize { get; } = new("--max-header-size")
    {
        Description = "Longest NPY header accepted, in characters (NumPy's max_header_size; default 10000). Raise only for trusted files",
        HelpName = "N",
    };

    public IEnumerable<Option> Layout => [From, DType, Shape, Offset, Order, MaxHeaderSize];

    public ReadRequest ToRequest(ParseResult parse, bool withMember = true, bool withRows = true)
    {
        var dtype = parse.GetValue(DType);
        var shape = parse.GetValue(Shape);
        var orderText = parse.GetValue(Order);
        var offset = parse.GetValue(Offset);
        var order = orderText?.ToUpperInvariant() switch
        {
            null or "C" => ArrayOrder.C,
            "F" or "FORTRAN" => ArrayOrder.Fortran,
            _ => throw new ArrayFormatException($"--order must be C or F, not '{orderText}'"),
        };

        RawLayout? layout = null;
        if (dtype is not null)
        {
            layout = new RawLayout(DTypeDescr.Parse(dtype), shape is null ? null : ArrayShape.Parse(shape), offset, order);
        }
        else if (shape is not null || offset != 0 || orderText is not null)
        {
            throw new ArrayFormatException("--shape, --offset and --order describe raw input and need --dtype");
        }

        var (start, stop) = withRows && parse.GetValue(Rows) is { } rows ? RowRange.ParseSlice(rows) : (null, null);
        return new ReadRequest
        {
            Format = parse.GetValue(From) ?? (layout is not null ? "raw" : null),
            Layout = layout,
            Member = withMember ? parse.GetValue(Name) : null,
            RowStart = start,
            RowStop = stop,
            MaxHeaderSize = parse.GetValue(MaxHeaderSize),
        };
    }
}
