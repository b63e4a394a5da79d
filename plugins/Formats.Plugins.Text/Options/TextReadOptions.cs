namespace Formats.Plugins.Text;

/// <summary>
/// How the text formats read (a section of <see cref="ArrayReadOptions"/>): <c>np.loadtxt</c>'s <c>dtype</c>,
/// <c>skiprows</c> and <c>comments</c>. Without it, NumPy's defaults: float64, no rows skipped, <c>#</c> comments.
/// </summary>
public sealed record TextReadOptions
{
    /// <summary>NumPy's defaults.</summary>
    public static TextReadOptions Default { get; } = new();

    /// <summary>The dtype values are parsed to: a boolean, integer or float dtype (float64 by default).</summary>
    public DType DType { get; init; } = DType.Float64;

    /// <summary>Lines skipped at the start of the file, comments and blank lines included (as <c>skiprows</c>).</summary>
    public int SkipRows { get; init; }

    /// <summary>The text that starts a comment, which runs to the end of its line; empty for none.</summary>
    public string Comments { get; init; } = "#";
}
