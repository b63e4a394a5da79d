namespace Formats.Plugins.Text;

/// <summary>
/// How the text formats write (a section of <see cref="ArrayWriteOptions"/>): <c>np.savetxt</c>'s <c>fmt</c> and
/// <c>header</c>. Without it, NumPy's defaults: <c>%.18e</c> and no header.
/// </summary>
public sealed record TextWriteOptions
{
    /// <summary>NumPy's defaults.</summary>
    public static TextWriteOptions Default { get; } = new();

    /// <summary>
    /// One value's format in Python's <c>%</c> style, used for every column: <c>%.18e</c> (the default, exact for
    /// float64), <c>%d</c>, <c>%.6g</c>, <c>%10.3f</c>, ...; literal text around the conversion is kept.
    /// </summary>
    public string Format { get; init; } = "%.18e";

    /// <summary>Text written before the data, each of its lines behind <c>#&#160;</c>; empty for none.</summary>
    public string Header { get; init; } = "";
}
