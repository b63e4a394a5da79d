using System.Collections.Immutable;

namespace Formats;

/// <summary>
/// Format-specific settings a request carries to the formats (the text formats' <c>TextReadOptions</c>, say): each
/// kept by its type and applied to the options the format is given, so the engine needs to know none of them.
/// </summary>
/// <typeparam name="TOptions">The options the sections are applied to.</typeparam>
internal sealed class FormatSections<TOptions>
{
    private readonly ImmutableDictionary<Type, (object Value, Func<TOptions, TOptions> Apply)> sections;

    private FormatSections(ImmutableDictionary<Type, (object Value, Func<TOptions, TOptions> Apply)> sections) => this.sections = sections;

    public static FormatSections<TOptions> Empty { get; } = new(ImmutableDictionary<Type, (object, Func<TOptions, TOptions>)>.Empty);

    public int Count => sections.Count;

    public T? Get<T>()
        where T : class => sections.TryGetValue(typeof(T), out var entry) ? (T)entry.Value : null;

    public FormatSections<TOptions> With<T>(T section, Func<TOptions, T, TOptions> apply)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(section);
        return new(sections.SetItem(typeof(T), (section, options => apply(options, section))));
    }

    public TOptions ApplyTo(TOptions options) => sections.Values.Aggregate(options, (o, entry) => entry.Apply(o));

    public override string ToString() => string.Join(" ", sections.Values.Select(e => e.Value));
}
