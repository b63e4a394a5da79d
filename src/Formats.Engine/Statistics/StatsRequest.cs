using Formats.Printing;

namespace Formats;

/// <summary>What <see cref="ArrayFiles.StatsAsync(string, ReadRequest?, StatsRequest?, CancellationToken)"/> summarises: each array as a whole, or columns along axis 1.</summary>
public sealed record StatsRequest
{
    /// <summary>Statistics of each array as a whole.</summary>
    public static StatsRequest Default { get; } = new();

    /// <summary>
    /// Indices and <c>START:STOP</c> ranges along axis 1 (as <c>show --columns</c> takes them; negative indices count
    /// from the end), giving one set of statistics per column: for a 3-D or deeper array a column is
    /// <c>a[:, j, ...]</c>. Null: the whole array. Field names of structured arrays are not supported.
    /// </summary>
    public ArrayColumns? Columns { get; init; }

    /// <summary>A request for the columns <paramref name="text"/> names: <c>all</c>, or indices and ranges such as <c>0,2:5,-1</c>.</summary>
    /// <exception cref="ArrayFormatException">The text names nothing.</exception>
    public static StatsRequest ForColumns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Columns = ArrayColumns.Parse(text.Trim() == "all" ? ":" : text) };
    }
}
