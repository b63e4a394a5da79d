namespace Formats.Plotting;

/// <summary>
/// A <see cref="PlotOptions"/> setting does not fit the array: <see cref="PlotOptions.Columns"/> names a column or
/// field it does not have, or <see cref="PlotKind.Lines"/> asks for more than <see cref="PlotOptions.MaxLines"/> lines.
/// </summary>
public class PlotOptionException : ArrayFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">The message.</param>
    /// <param name="option">The <see cref="PlotOptions"/> property that would settle it (<c>nameof(PlotOptions.Columns)</c>).</param>
    public PlotOptionException(string problem, string option)
        : base(problem) => Option = option;

    /// <summary>The name of the <see cref="PlotOptions"/> property at fault: <c>Columns</c> or <c>Kind</c>.</summary>
    public string Option { get; }
}
