namespace Formats.Numpy;

/// <summary>A parsed NPY preamble: the array header, the file version and where the data starts.</summary>
/// <param name="Array">Dtype, shape and order.</param>
/// <param name="Major">Major version (1, 2 or 3).</param>
/// <param name="Minor">Minor version (0).</param>
/// <param name="DataOffset">Bytes from the start of the NPY data to the first array byte (magic, length, header).</param>
public sealed record NpyHeader(ArrayHeader Array, byte Major, byte Minor, int DataOffset)
{
    /// <summary>The version as text, e.g. <c>1.0</c>.</summary>
    public string Version => $"{Major}.{Minor}";

    /// <summary>
    /// Spare header bytes NumPy leaves for growing axis 0 in place: the header can be rewritten for a longer
    /// first dimension while its total length stays the same.
    /// </summary>
    public const int GrowthAxisMaxDigits = 21;
}
