using System.CommandLine;

namespace Formats.Host.Commands;

/// <summary><c>--cast DTYPE [--casting RULE] [--check-range]</c>: the write's <see cref="CastRequest"/>.</summary>
internal sealed class CastOptionSet
{
    public Option<DType?> Cast { get; } = ParsedOption.Create<DType?>("--cast", Numeric,
        "Cast every array as x.astype(DTYPE) does: bool, i1-i8, u1-u8, f2, f4, f8, c8, c16 (or uint8, float32...; <, > for byte order)", "DTYPE");

    public Option<CastingRule?> Casting { get; } = ParsedOption.Create<CastingRule?>("--casting", Rule,
        "Which dtype changes --cast may make, as NumPy's casting= (default unsafe, as astype)", "no|equiv|safe|same_kind|unsafe");

    public Option<bool> CheckRange { get; } = new("--check-range")
    {
        Description = "Refuse the cast (and write nothing) if any value would change; the error names the first index and value",
    };

    public IEnumerable<Option> All => [Cast, Casting, CheckRange];

    public CastRequest? ToRequest(ParseResult parse)
    {
        if (parse.GetValue(Cast) is not { } target)
        {
            return parse.GetValue(Casting) is null && !parse.GetValue(CheckRange)
                ? null
                : throw new ArrayFormatException("--casting and --check-range apply to a cast and need --cast");
        }

        return new CastRequest(target) { Casting = parse.GetValue(Casting) ?? CastingRule.Unsafe, CheckRange = parse.GetValue(CheckRange) };
    }

    private static DType? Numeric(string text)
    {
        var dtype = DType.Parse(text);
        return dtype.Kind is DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt or DTypeKind.Float or DTypeKind.Complex && !dtype.IsLongDouble
            ? dtype
            : throw new FormatException("a numeric dtype (bool, i1-i8, u1-u8, f2, f4, f8, c8, c16)");
    }

    private static CastingRule? Rule(string text) => text switch
    {
        "no" => CastingRule.No,
        "equiv" => CastingRule.Equiv,
        "safe" => CastingRule.Safe,
        "same_kind" => CastingRule.SameKind,
        "unsafe" => CastingRule.Unsafe,
        _ => throw new FormatException("one of no, equiv, safe, same_kind, unsafe"),
    };
}
