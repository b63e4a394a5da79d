namespace Formats;

/// <summary>How to read a file: format override, raw layout, member and rows.</summary>
public sealed record ReadRequest
{
    /// <summary>Defaults: detect the format, first (only) member, all rows.</summary>
    public static ReadRequest Default { get; } = new();

    /// <summary>A format name that overrides detection.</summary>
    public string? Format { get; init; }

    /// <summary>Layout of headerless data (raw buffers).</summary>
    public RawLayout? Layout { get; init; }

    /// <summary>The archive member to read; may be omitted when there is exactly one.</summary>
    public string? Member { get; init; }

    /// <summary>First row along axis 0 (Python slice semantics: negative counts from the end).</summary>
    public long? RowStart { get; init; }

    /// <summary>One past the last row (Python slice semantics).</summary>
    public long? RowStop { get; init; }

    /// <summary>
    /// Cast the array to another numeric dtype while it is read, chunk by chunk, as NumPy's <c>astype</c> does (the same
    /// rules and <see cref="CastRequest.CheckRange"/> as a write's <see cref="WriteRequest.Cast"/>); null reads the
    /// array in its own dtype. Honoured by <see cref="ArrayFiles.Read(string, ReadRequest?)"/> and <see cref="ArrayFiles.ReadAsync(string, ReadRequest?, CancellationToken)"/>.
    /// </summary>
    public CastRequest? Cast { get; init; }

    /// <summary>
    /// <see cref="ArrayFiles.Inspect(string, ReadRequest?)"/> of an archive lists its members from its index alone
    /// (<see cref="ArrayFileInfo.Listed"/>: names, sizes, compression) without reading each member's header, which lies
    /// in the member's own data: for archives in object storage, where each header read is a request. Files of one
    /// array are described as usual.
    /// </summary>
    public bool IndexOnly { get; init; }

    /// <summary>Longest header accepted; null for the configured default.</summary>
    public int? MaxHeaderSize { get; init; }

    private FormatSections<ArrayReadOptions> sections = FormatSections<ArrayReadOptions>.Empty;

    /// <summary>A format-specific section (such as the text formats' <c>TextReadOptions</c>), or null when none was given.</summary>
    public T? Get<T>()
        where T : class => sections.Get<T>();

    /// <summary>This request with <paramref name="section"/> passed to the format in its <see cref="ArrayReadOptions"/>.</summary>
    public ReadRequest With<T>(T section)
        where T : class => this with { sections = sections.With<T>(section, static (options, s) => options.With(s)) };

    /// <summary>The sections applied to <paramref name="options"/>.</summary>
    internal ArrayReadOptions ApplySections(ArrayReadOptions options) => sections.ApplyTo(options);

    /// <summary>True when the request selects rows (a partial read: an archive member's CRC cannot be checked).</summary>
    public bool HasRows => RowStart is not null || RowStop is not null;

    /// <summary>What opening the file needs (format, layout, header limit), without the member and rows a read selects.</summary>
    internal ReadRequest ForFile => this with { Member = null, RowStart = null, RowStop = null };

    /// <summary>The rows this request selects from an array of <paramref name="header"/>, or null for all.</summary>
    /// <exception cref="ArrayFormatException">Rows are asked of a 0-d array.</exception>
    public RowRange? ResolveRows(ArrayHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!HasRows)
        {
            return null;
        }

        return header.Shape.Rank == 0
            ? throw new ArrayFormatException("a 0-d array has no rows to select")
            : RowRange.Resolve(RowStart, RowStop, header.Shape[0]);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Concat(Format is null ? "" : $" as {Format}", Layout is null ? "" : $" {Layout}", Member is null ? "" : $" member {Member}",
            HasRows ? $" rows {RowStart}:{RowStop}" : "", Cast is null ? "" : $"{Cast}", MaxHeaderSize is null ? "" : $" max header {MaxHeaderSize}",
            sections.Count == 0 ? "" : $" {sections}");
}
