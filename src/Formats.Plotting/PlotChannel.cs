namespace Formats.Plotting;

/// <summary>One series to draw: a value at a byte offset within each row, of a numeric dtype.</summary>
/// <param name="Label">What the legend calls it: <c>[:, 3]</c> for a column, the field name for a structured array.</param>
/// <param name="Offset">Byte offset within a row (C order) or, for column-major data, the column index.</param>
/// <param name="DType">The value's dtype (a plottable primitive).</param>
internal readonly record struct PlotChannel(string Label, long Offset, DType DType);
