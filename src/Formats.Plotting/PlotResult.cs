namespace Formats.Plotting;

/// <summary>What a picture shows, in the words of its title.</summary>
/// <param name="Source">
/// The array drawn: <c>rec.npz [eeg]: &lt;f4 (1000000, 8), rows 0:1000</c> (file, archive member, dtype and shape
/// stored, rows drawn); an in-memory array has no file part.
/// </param>
/// <param name="Note">How values were reduced (<c>min/max envelope of all 1000000 rows in 1000 pixel columns</c>) and how many NaN or infinite values were not drawn.</param>
/// <param name="Kind">What was drawn (never <see cref="PlotKind.Auto"/>).</param>
public sealed record PlotResult(string Source, string Note, PlotKind Kind)
{
    /// <summary>The source and the note, as one line.</summary>
    public override string ToString() => $"{Source}; {Note}";
}
