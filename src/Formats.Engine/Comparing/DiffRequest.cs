namespace Formats;

/// <summary>
/// What <see cref="ArrayFiles.DiffAsync(string, string, DiffRequest?, CancellationToken)"/> compares and how. Without tolerances values must be equal, as
/// <c>np.array_equal(a, b, equal_nan)</c> decides; with either tolerance given they must be close, as
/// <c>np.isclose(a, b, rtol, atol, equal_nan)</c> decides (<c>|a - b| &lt;= atol + rtol * |b|</c>), NumPy's default
/// standing in for the one not given.
/// </summary>
public sealed record DiffRequest
{
    /// <summary>NumPy's default <c>rtol</c>.</summary>
    public const double DefaultRelativeTolerance = 1e-05;

    /// <summary>NumPy's default <c>atol</c>.</summary>
    public const double DefaultAbsoluteTolerance = 1e-08;

    /// <summary>How to read the first file (format, raw layout); its member is <see cref="Member"/>.</summary>
    public ReadRequest? ReadA { get; init; }

    /// <summary>How to read the second file (format, raw layout); its member is <see cref="Member"/>.</summary>
    public ReadRequest? ReadB { get; init; }

    /// <summary>The member compared on each side that is an archive; a single-array file is compared as it is.</summary>
    public string? Member { get; init; }

    /// <summary><c>rtol</c>; setting it or <see cref="AbsoluteTolerance"/> compares with <c>np.isclose</c>.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary><c>atol</c>; setting it or <see cref="RelativeTolerance"/> compares with <c>np.isclose</c>.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>NaN equals NaN (NumPy's <c>equal_nan</c>); otherwise a NaN differs from everything.</summary>
    public bool EqualNaN { get; init; }

    /// <summary>How many differences to keep (the first, in C order); all are counted.</summary>
    public int MaxDifferences { get; init; } = 10;

    /// <summary>True when values are compared with tolerances (<c>np.isclose</c>) rather than exactly.</summary>
    public bool IsApproximate => RelativeTolerance is not null || AbsoluteTolerance is not null;
}
