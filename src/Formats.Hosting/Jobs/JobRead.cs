using System.Text.Json.Serialization;
using Formats.Numpy;

namespace Formats.Hosting;

/// <summary>
/// How a job reads its input (<see cref="ReadRequest"/> in plain values): dtype and shape as NumPy writes them
/// (<c>&lt;f8</c>, <c>100,3</c>; one dimension may be -1, inferred from the file size). The dtype's JSON name is
/// <c>dtype</c>; names are read case-insensitively, so jobs that spell it <c>dType</c> are read too.
/// </summary>
/// <param name="Format">Input format name; null: detected (<c>raw</c> when <paramref name="DType"/> is set).</param>
/// <param name="Member">Archive member to read; null: the only one.</param>
/// <param name="DType">Raw input: NumPy dtype descr such as <c>&lt;f4</c>.</param>
/// <param name="Shape">Raw input: dimensions, comma-separated; one may be -1.</param>
/// <param name="Offset">Raw input: bytes before the data.</param>
/// <param name="FortranOrder">Raw input: the data is in Fortran (column-major) order.</param>
/// <param name="RowStart">First row read along axis 0, or null.</param>
/// <param name="RowStop">Row after the last read, or null.</param>
public sealed record JobRead(string? Format = null, string? Member = null, [property: JsonPropertyName("dtype")] string? DType = null, string? Shape = null,
    long Offset = 0, bool FortranOrder = false, long? RowStart = null, long? RowStop = null)
{
    /// <summary>The job's form of <paramref name="read"/>, or null for the default request (text-format sections are not carried).</summary>
    public static JobRead? From(ReadRequest read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read == ReadRequest.Default
            ? null
            : new JobRead(read.Format, read.Member, read.Layout?.DType.ToString(), read.Layout?.GetShapeWithUnknown() is { } s ? string.Join(',', s) : null,
                read.Layout?.Offset ?? 0, read.Layout?.Order == ArrayOrder.Fortran, read.RowStart, read.RowStop);
    }

    /// <summary>
    /// The order <paramref name="text"/> names: <c>C</c>, or <c>F</c> (also <c>Fortran</c>), in any case. The one
    /// place order letters are read, for rules, jobs and the command line alike.
    /// </summary>
    /// <exception cref="ArrayFormatException">Neither.</exception>
    public static ArrayOrder ParseOrder(string text) => text?.ToUpperInvariant() switch
    {
        "C" => ArrayOrder.C,
        "F" or "FORTRAN" => ArrayOrder.Fortran,
        _ => throw new ArrayFormatException($"order '{text}' is not C or F"),
    };

    /// <summary>The engine's read request for the file at <paramref name="input"/>.</summary>
    /// <exception cref="ArrayFormatException">The layout is not valid, or describes raw input without a dtype.</exception>
    public ReadRequest ToRequest(string input)
    {
        RawLayout? layout = null;
        if (DType is not null)
        {
            layout = new RawLayout(DTypeDescr.Parse(DType), null, Offset, FortranOrder ? ArrayOrder.Fortran : ArrayOrder.C);
            layout = Shape is null ? layout : layout.WithShape(RawLayout.ParseShape(Shape));
        }
        else if (Shape is not null || Offset != 0 || FortranOrder)
        {
            throw new ArrayFormatException("a job's shape, offset and order describe raw input and need a dtype") { SourcePath = input };
        }

        return new()
        {
            Format = Format ?? (layout is null ? null : "raw"),
            Member = Member,
            Layout = layout,
            RowStart = RowStart,
            RowStop = RowStop,
        };
    }
}
