namespace Formats;

/// <summary>The statistics of one array (<see cref="ArrayFiles.StatsAsync(string, ReadRequest?, StatsRequest?, CancellationToken)"/>): of all its values, or of each column asked for.</summary>
/// <param name="Name">The member name (archives), or empty for a single-array file.</param>
/// <param name="Header">The array's header as stored.</param>
/// <param name="Columns">The indices along axis 1 of the columns, in the order asked for; null for the whole array.</param>
/// <param name="Statistics">One entry for the whole array, or one per entry of <paramref name="Columns"/>; empty when
/// <paramref name="NotComputed"/> says why there are none.</param>
/// <param name="NotComputed">Null, or why an archive member read among all the others has no statistics (its dtype is
/// not bool, integer or float); a member asked for by name, or a file's only array, is refused instead.</param>
public sealed record ArrayStats(string Name, ArrayHeader Header, IReadOnlyList<long>? Columns, IReadOnlyList<ArrayStatistics> Statistics, string? NotComputed = null);
