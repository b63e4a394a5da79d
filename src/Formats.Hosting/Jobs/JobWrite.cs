namespace Formats.Hosting;

/// <summary>How a job writes its output (<see cref="WriteRequest"/> in plain values).</summary>
/// <param name="Format">Output format name; null: from the output's extension.</param>
/// <param name="Compress">Compress archive output (as <c>np.savez_compressed</c>).</param>
/// <param name="Level">Compression level 0-9; when set it alone decides compression.</param>
/// <param name="Alignment">Start each stored array's data on a multiple of this many bytes; 0: the format's default.</param>
/// <param name="Member">Archive member name; null: the engine's default.</param>
public sealed record JobWrite(string? Format = null, bool Compress = false, int? Level = null, int Alignment = 0, string? Member = null)
{
    /// <summary>The job's form of <paramref name="write"/> (casts and format sections are not carried), writing <paramref name="format"/>.</summary>
    public static JobWrite From(WriteRequest write, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new(format ?? write.Format, write.Compress, write.CompressionLevel, write.Alignment, write.MemberName);
    }

    /// <summary>The engine's write request.</summary>
    public WriteRequest ToRequest() => new()
    {
        Format = Format,
        Compress = Compress,
        CompressionLevel = Level,
        Alignment = Alignment,
        MemberName = Member,
    };
}
