namespace Formats;

/// <summary>How to write a file.</summary>
public sealed record WriteRequest
{
    /// <summary>Defaults: format from the extension, uncompressed.</summary>
    public static WriteRequest Default { get; } = new();

    /// <summary>A format name that overrides the extension.</summary>
    public string? Format { get; init; }

    /// <summary>Compress where the format can.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0-9; 0 means stored. When given, it alone decides whether output is compressed.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// Start each stored array's data on a multiple of this many bytes from the file's start (a power of two up to
    /// 65,536; 0 or 1 for none, the default): see <see cref="ArrayWriteOptions.Alignment"/>.
    /// </summary>
    public int Alignment { get; init; }

    /// <summary>Member name in an archive output.</summary>
    public string? MemberName { get; init; }

    /// <summary>
    /// Cast every array to another numeric dtype while it streams, as NumPy's <c>astype</c> does (see
    /// <see cref="CastRequest"/>); null (the default) writes each array in its own dtype.
    /// </summary>
    public CastRequest? Cast { get; init; }

    private FormatSections<ArrayWriteOptions> sections = FormatSections<ArrayWriteOptions>.Empty;

    /// <summary>A format-specific section (such as the text formats' <c>TextWriteOptions</c>), or null when none was given.</summary>
    public T? Get<T>()
        where T : class => sections.Get<T>();

    /// <summary>This request with <paramref name="section"/> passed to the format in its <see cref="ArrayWriteOptions"/>.</summary>
    public WriteRequest With<T>(T section)
        where T : class => this with { sections = sections.With<T>(section, static (options, s) => options.With(s)) };

    /// <summary>The sections applied to <paramref name="options"/>.</summary>
    internal ArrayWriteOptions ApplySections(ArrayWriteOptions options) => sections.ApplyTo(options);

    /// <inheritdoc />
    public override string ToString() =>
        string.Concat(Format is null ? "" : $" as {Format}", CompressionLevel is { } l ? $" level {l}" : Compress ? " compressed" : "",
            Alignment > 1 ? $" aligned to {Alignment}" : "", MemberName is null ? "" : $" member {MemberName}", Cast?.ToString(),
            sections.Count == 0 ? "" : $" {sections}");
}
