namespace Formats;

/// <summary>
/// Archive member names as NumPy uses them: an array <c>a</c> is stored as the member <c>a.npy</c>, and either
/// spelling selects it (<c>np.load(f)['a']</c>). An array's name is exactly what <c>np.load(f).files</c> shows:
/// <c>np.savez(f, **{'x.npy': a, '': b})</c> makes the members <c>x.npy.npy</c> and <c>.npy</c>, the arrays
/// <c>x.npy</c> and the empty name.
/// </summary>
public static class MemberNames
{
    /// <summary>The suffix of array members.</summary>
    public const string ArraySuffix = ".npy";

    /// <summary>The array name of <paramref name="name"/>: without its <c>.npy</c> suffix.</summary>
    public static string ArrayName(string name) =>
        name.EndsWith(ArraySuffix, StringComparison.Ordinal) ? name[..^ArraySuffix.Length] : name;

    /// <summary>The member (file) name of the array <paramref name="name"/>: with the <c>.npy</c> suffix.</summary>
    public static string FileName(string name) =>
        name.EndsWith(ArraySuffix, StringComparison.Ordinal) ? name : name + ArraySuffix;

    /// <summary>
    /// The one of <paramref name="items"/> that <paramref name="requested"/> names (<c>a</c> or <c>a.npy</c>; an
    /// array's exact name first, so every listed name selects its own array), or the only item when
    /// <paramref name="requested"/> is null. The empty string is a name: NumPy saves <c>''</c> as the member <c>.npy</c>.
    /// </summary>
    /// <exception cref="MemberNotFoundException">No item has that name, or there are several and none is named.</exception>
    public static T Select<T>(IReadOnlyList<T> items, Func<T, string> arrayName, string? requested)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(arrayName);
        if (requested is null)
        {
            return items.Count == 1
                ? items[0]
                : throw new MemberNotFoundException(items.Count == 0
                    ? "the archive holds no arrays"
                    : $"the archive holds {items.Count} arrays ({List(items, arrayName)}); name one", null, [.. items.Select(arrayName)]);
        }

        foreach (var name in new[] { requested, ArrayName(requested) })
        {
            foreach (var item in items)
            {
                if (arrayName(item) == name)
                {
                    return item;
                }
            }
        }

        throw new MemberNotFoundException($"no member '{requested}'; members: {List(items, arrayName)}", requested, [.. items.Select(arrayName)]);
    }

    private static string List<T>(IReadOnlyList<T> items, Func<T, string> arrayName) => string.Join(", ", items.Select(arrayName));
}
