using System.IO.Enumeration;

namespace Formats.Hosting;

/// <summary>
/// One configured conversion of the <see cref="FolderWorker"/>: files whose name matches <see cref="Pattern"/> are read
/// and written as it says, for example <c>{ "Pattern": "*.dat", "DType": "&lt;i2", "Shape": [-1, 64], "Compress": true }</c>.
/// It is a way to make a <see cref="ConversionJob"/> (<see cref="FolderWorkerOptions.JobFor"/>), in configuration's shapes.
/// </summary>
public sealed class ConversionRule
{
    /// <summary>A file-name pattern (<c>*</c> and <c>?</c>), matched case-sensitively against the name alone.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>Input format name; default: detected (and <c>raw</c> when <see cref="DType"/> is set).</summary>
    public string? From { get; set; }

    /// <summary>Raw input: NumPy dtype descr such as <c>&lt;f4</c>.</summary>
    public string? DType { get; set; }

    /// <summary>Raw input: dimensions; one may be -1, inferred from the file size as NumPy's <c>reshape</c> does.</summary>
    public IList<long>? Shape { get; set; }

    /// <summary>Raw input: bytes to skip before the data.</summary>
    public long Offset { get; set; }

    /// <summary>Raw input: <c>C</c> or <c>F</c>.</summary>
    public string? Order { get; set; }

    /// <summary>Output format; default the worker's.</summary>
    public string? To { get; set; }

    /// <summary>Compress archive output; default the worker's.</summary>
    public bool? Compress { get; set; }

    /// <summary>Compression level 0-9; default the worker's.</summary>
    public int? Level { get; set; }

    /// <summary>Archive member name; default the input's name without its extension (the engine's own default).</summary>
    public string? Member { get; set; }

    /// <summary>Whether the rule applies to <paramref name="fileName"/>.</summary>
    public bool Matches(string fileName) => FileSystemName.MatchesSimpleExpression(Pattern, fileName, ignoreCase: false);

    /// <summary>How the rule reads, as a job says it; null when it leaves reading to detection.</summary>
    /// <exception cref="ArrayFormatException"><see cref="Order"/> is neither C nor F.</exception>
    public JobRead? ToJobRead() =>
        From is null && DType is null && Shape is null && Offset == 0 && Order is null
            ? null
            : new JobRead(From, DType: DType, Shape: Shape is null ? null : string.Join(',', Shape), Offset: Offset,
                FortranOrder: Order is not null && JobRead.ParseOrder(Order) == ArrayOrder.Fortran);

    /// <summary>How the rule writes <paramref name="fileName"/>, <paramref name="defaults"/> filling what it leaves out.</summary>
    public JobWrite ToJobWrite(FolderWorkerOptions defaults, string fileName)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(fileName);
        return new(To ?? defaults.To, Compress ?? defaults.Compress, Level ?? defaults.Level, Member: Member);
    }
}
