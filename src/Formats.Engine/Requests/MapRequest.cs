namespace Formats;

/// <summary>How to memory-map a file: which array (format, raw layout, member, rows) and with which access.</summary>
public sealed record MapRequest
{
    /// <summary>Defaults: detect the format, the only member, all rows, read-only.</summary>
    public static MapRequest Default { get; } = new();

    /// <summary>
    /// Which array: <see cref="ReadRequest.Format"/>, <see cref="ReadRequest.Layout"/> (raw data),
    /// <see cref="ReadRequest.Member"/> (a stored archive member) and rows (C order: any rows; Fortran order: all rows).
    /// </summary>
    public ReadRequest Read { get; init; } = ReadRequest.Default;

    /// <summary>NumPy's <c>mmap_mode</c>: <c>'r'</c> (the default), <c>'r+'</c> or <c>'c'</c>.</summary>
    public MapMode Mode { get; init; } = MapMode.ReadOnly;

    /// <inheritdoc />
    public override string ToString() => $"map {Mode}{Read}";
}
