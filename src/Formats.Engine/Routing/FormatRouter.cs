using Formats.IO;
using Formats.Registry;

namespace Formats.Routing;

/// <summary>
/// Chooses the format for every read and write, in one place. Reading: an explicit format, else the magic
/// bytes, else the extension. Writing: an explicit format, else the extension. Formats without magic are
/// never guessed from content.
/// </summary>
public sealed partial class FormatRouter(FormatRegistry registry)
{
    /// <summary>The registry routed over.</summary>
    public FormatRegistry Registry { get; } = registry;

    /// <summary>Picks the format to read <paramref name="stream"/> with; the stream's position is restored.</summary>
    /// <param name="stream">A seekable stream at the start of the file.</param>
    /// <param name="path">The file name, for the extension fallback; may be null.</param>
    /// <param name="explicitFormat">A format name that overrides detection.</param>
    /// <exception cref="UnknownFormatException">Nothing matches, or the match is ambiguous.</exception>
    public IArrayFormat ForRead(Stream stream, string? path, string? explicitFormat = null)
    {
        if (!string.IsNullOrEmpty(explicitFormat))
        {
            return Find(explicitFormat);
        }

        if (!stream.CanSeek)
        {
            throw new ArgumentException("format detection needs a seekable stream", nameof(stream));
        }

        var start = stream.Position;
        var header = new byte[Registry.MaxDetectionBytes];
        var count = StreamIO.ReadAtMost(stream, header);
        stream.Position = start;
        return ForRead(header.AsSpan(0, count), path);
    }

    /// <summary>Picks the format for a file whose first bytes are <paramref name="leadingBytes"/>.</summary>
    /// <exception cref="UnknownFormatException">Nothing matches, or the match is ambiguous.</exception>
    public IArrayFormat ForRead(ReadOnlySpan<byte> leadingBytes, string? path)
    {
        IArrayFormat? best = null;
        foreach (var format in Registry.Formats)
        {
            var detector = format.Detector;
            if (detector is null)
            {
                continue;
            }

            if (best is not null && detector.Priority < best.Detector!.Priority)
            {
                break;
            }

            if (detector.IsMatch(leadingBytes[..Math.Min(leadingBytes.Length, detector.HeaderSize)]))
            {
                if (best is not null)
                {
                    throw new UnknownFormatException($"the content matches both {best.Name} and {format.Name}", Registry.Names);
                }

                best = format;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var byExtension = path is null ? [] : Registry.ForExtension(path).ToList();
        return byExtension.Count switch
        {
            1 => byExtension[0],
            0 => throw new UnknownFormatException(
                $"cannot tell the format: no magic bytes match and the extension '{Path.GetExtension(path)}' names no readable format",
                Registry.Names) { Remedy = FormatChoice.Read },
            _ => throw new UnknownFormatException(
                $"the extension '{Path.GetExtension(path)}' is claimed by {string.Join(" and ", byExtension.Select(f => f.Name))}",
                Registry.Names) { Remedy = FormatChoice.Read },
        };
    }

    /// <summary>Picks the format to write <paramref name="path"/> with: only formats that implement <see cref="IWritableArrayFormat"/>.</summary>
    /// <exception cref="UnknownFormatException">No format (or more than one) writes that extension, or the format named cannot write.</exception>
    public IWritableArrayFormat ForWrite(string path, string? explicitFormat = null)
    {
        if (!string.IsNullOrEmpty(explicitFormat))
        {
            var named = Find(explicitFormat);
            return named as IWritableArrayFormat ?? throw new UnknownFormatException($"format '{named.Name}' cannot write", Registry.Names);
        }

        var candidates = Registry.ForExtension(path).OfType<IWritableArrayFormat>().ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new UnknownFormatException(
                $"no writable format has the extension '{Path.GetExtension(path)}'", Registry.Names) { Remedy = FormatChoice.Write },
            _ => throw new UnknownFormatException(
                $"the extension '{Path.GetExtension(path)}' is claimed by {string.Join(" and ", candidates.Select(f => f.Name))}",
                Registry.Names) { Remedy = FormatChoice.Write },
        };
    }

    private IArrayFormat Find(string name) =>
        Registry.Find(name) ?? throw new UnknownFormatException($"no format is called '{name}'", Registry.Names);
}
