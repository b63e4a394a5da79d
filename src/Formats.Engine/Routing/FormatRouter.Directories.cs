namespace Formats.Routing;

/// <summary>Routing of directories to <see cref="IDirectoryArrayFormat"/>s, by the same policy as files.</summary>
public sealed partial class FormatRouter
{
    /// <summary>
    /// Picks the directory format to read <paramref name="directory"/> with: the one <paramref name="explicitFormat"/> names,
    /// else the one whose <see cref="IDirectoryArrayFormat.IsDirectoryMatch"/> accepts its entries, else the one claiming
    /// the directory name's extension. Null when none does (a plain folder, or a file format named explicitly).
    /// </summary>
    /// <exception cref="UnknownFormatException">The named format is unknown or cannot read, or two directory formats match.</exception>
    public IDirectoryArrayFormat? ForDirectory(IArrayDirectory directory, string? explicitFormat = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!string.IsNullOrEmpty(explicitFormat))
        {
            return Find(explicitFormat) as IDirectoryArrayFormat;
        }

        var formats = Registry.Formats.OfType<IDirectoryArrayFormat>().ToList();
        if (formats.Count == 0)
        {
            return null;
        }

        var entries = directory.List();
        var markers = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        IDirectoryArrayFormat? found = null;
        foreach (var format in formats)
        {
            foreach (var marker in format.MarkerEntries.Where(m => !markers.ContainsKey(m) && entries.Contains(m, StringComparer.Ordinal)))
            {
                using var stream = directory.OpenRead(marker);
                var bytes = new byte[Math.Max(0, format.MarkerBytes)];
                markers[marker] = bytes.AsMemory(0, stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false));
            }

            if (format.IsDirectoryMatch(entries, markers.Where(m => format.MarkerEntries.Contains(m.Key)).ToDictionary(StringComparer.Ordinal)))
            {
                found = found is null ? format : throw new UnknownFormatException($"the directory matches both {found.Name} and {format.Name}", Registry.Names);
            }
        }

        return found ?? ByExtension<IDirectoryArrayFormat>(directory.Name);
    }

    /// <summary>
    /// The directory format to write <paramref name="location"/> with: the one <paramref name="explicitFormat"/> names, else
    /// the one claiming the location's extension; null when a file format is named or none claims it.
    /// </summary>
    /// <exception cref="UnknownFormatException">The named format is unknown or cannot write.</exception>
    public IWritableDirectoryArrayFormat? ForDirectoryWrite(string location, string? explicitFormat = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (string.IsNullOrEmpty(explicitFormat))
        {
            return ByExtension<IWritableDirectoryArrayFormat>(location);
        }

        var named = Find(explicitFormat);
        return named switch
        {
            IWritableDirectoryArrayFormat writable => writable,
            IDirectoryArrayFormat => throw new UnknownFormatException($"format '{named.Name}' cannot write", Registry.Names),
            _ => null,
        };
    }

    private T? ByExtension<T>(string location)
        where T : class, IDirectoryArrayFormat
    {
        var name = location.TrimEnd('/', Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var claimed = Registry.ForExtension(name).OfType<T>().ToList();
        return claimed.Count switch
        {
            0 => null,
            1 => claimed[0],
            _ => throw new UnknownFormatException($"the extension '{Path.GetExtension(name)}' is claimed by {string.Join(" and ", claimed.Select(f => f.Name))}", Registry.Names),
        };
    }
}
