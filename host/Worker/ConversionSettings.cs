namespace Formats.Host.Worker;

/// <summary>
/// How one file is converted, in plain values (strings and numbers) so that it can travel in a queue message as well
/// as come from configuration.
/// </summary>
internal sealed record ConversionSettings
{
    /// <summary>Input format name; null: detected (<c>raw</c> when <see cref="DType"/> is set).</summary>
    public string? From { get; init; }

    /// <summary>Raw input dtype descr, e.g. <c>&lt;f4</c>.</summary>
    public string? DType { get; init; }

    /// <summary>Raw input shape; one dimension may be -1 (inferred from the file size).</summary>
    public IReadOnlyList<long>? Shape { get; init; }

    /// <summary>Raw input: bytes before the data.</summary>
    public long Offset { get; init; }

    /// <summary>Raw input order, <c>C</c> (default) or <c>F</c>.</summary>
    public string? Order { get; init; }

    /// <summary>Output format name.</summary>
    public string To { get; init; } = "npz";

    /// <summary>Compress archive output.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0-9, or null.</summary>
    public int? Level { get; init; }

    /// <summary>Archive member name, or null for the input's name without its extension.</summary>
    public string? Member { get; init; }
}
