using Formats.Plugins.Npz.Reading;
using Formats.Plugins.Npz.Writing;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Editing;

/// <summary>
/// Adds, replaces or removes members of an existing NPZ without recompressing the others: the edited archive
/// is written to a new stream, new members as they are given, then every untouched member copied as its
/// stored (possibly deflated) bytes with its original CRC-32, then the central directory. Members keep their
/// order; a replaced member keeps its place, added ones come last.
/// </summary>
/// <remarks>
/// The source and destination must be different streams: the caller writes a temporary file beside the
/// archive and renames it over the original after <see cref="Complete"/> (the engine's atomic-write pattern).
/// </remarks>
/// <example>
/// <code>
/// using var source = File.OpenRead("data.npz");
/// using var target = File.Create("data.npz.tmp");
/// using (var editor = new NpzFormat().CreateEditor(source, target))
/// {
///     editor.Remove("old");
///     using var data = editor.SetArray("new", header);
///     data.Write(bytes);
///     data.Complete();
///     editor.Complete();
/// }
/// File.Move("data.npz.tmp", "data.npz", overwrite: true);
/// </code>
/// </example>
public sealed class NpzArchiveEditor : IArrayArchiveEditor
{
    private readonly NpzReader reader;
    private readonly NpzWriter writer;
    private readonly List<string> order;
    private readonly HashSet<string> untouched;
    private readonly HashSet<string> written = new(StringComparer.Ordinal);
    private bool completed;

    /// <summary>Reads the source's directory and prepares the destination.</summary>
    /// <param name="source">The existing archive (readable, seekable).</param>
    /// <param name="destination">Where the edited archive is written (writable; need not seek).</param>
    /// <param name="readOptions">Limits for reading the source; defaults when null.</param>
    /// <param name="writeOptions">How new members are written (stored unless compression is asked for); defaults when null.</param>
    /// <exception cref="ArrayFormatException">The source is not a readable zip archive.</exception>
    public NpzArchiveEditor(Stream source, Stream destination, ArrayReadOptions? readOptions = null, ArrayWriteOptions? writeOptions = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("the edited archive must go to another stream (write a temporary file, then rename it)", nameof(destination));
        }

        reader = new NpzReader(source, readOptions ?? ArrayReadOptions.Default);
        writer = new NpzWriter(destination, writeOptions ?? ArrayWriteOptions.Default);
        order = [.. reader.Directory.Entries.Where(e => !e.IsDirectory).Select(e => e.FileName)];
        untouched = new HashSet<string>(order, StringComparer.Ordinal);
    }

    /// <summary>The array names the edited archive will hold, in order (without <c>.npy</c>).</summary>
    public IReadOnlyList<string> Members => [.. order.Select(ArrayName)];

    /// <summary>The source archive's arrays, from their headers (untouched by edits).</summary>
    /// <exception cref="ArrayFormatException">A source member is not a readable NPY array.</exception>
    public IReadOnlyList<ArrayEntry> SourceEntries => reader.Entries;

    /// <summary>True when the edited archive will hold <paramref name="name"/> (with or without <c>.npy</c>).</summary>
    public bool Contains(string name) => order.Contains(FileName(name), StringComparer.Ordinal);

    /// <summary>Leaves <paramref name="name"/> out of the edited archive.</summary>
    /// <exception cref="ArrayFormatException">There is no such member, or it was already written in this edit.</exception>
    public void Remove(string name)
    {
        CheckOpen();
        var file = FileName(name);
        if (written.Contains(file))
        {
            throw new ArrayFormatException($"member '{file}' was already written in this edit and cannot be removed");
        }

        if (!order.Remove(file))
        {
            throw new ArrayFormatException($"no member '{name}'; members: {string.Join(", ", Members)}");
        }

        untouched.Remove(file);
    }

    /// <summary>
    /// Adds <paramref name="name"/>, or replaces it when it exists, with the array described by
    /// <paramref name="header"/>: write its data to the returned stream and complete it before the next edit.
    /// </summary>
    /// <exception cref="ArrayFormatException">The member was already written in this edit.</exception>
    public ArrayWriteStream SetArray(string name, ArrayHeader header)
    {
        CheckOpen();
        ArgumentException.ThrowIfNullOrEmpty(name);
        var file = FileName(name);
        if (!written.Add(file))
        {
            throw new ArrayFormatException($"member '{file}' was already written in this edit");
        }

        var stream = writer.BeginArray(ArrayName(file), header);
        untouched.Remove(file);
        if (!order.Contains(file, StringComparer.Ordinal))
        {
            order.Add(file);
        }

        return stream;
    }

    /// <summary>Copies the untouched members' stored bytes and writes the directory: the destination is then a complete archive.</summary>
    /// <exception cref="ArrayFormatException">An untouched member cannot be copied (encrypted, or its local header is corrupt).</exception>
    public void Complete()
    {
        CheckOpen();
        foreach (var file in order.Where(untouched.Contains))
        {
            var entry = reader.Find(file);
            if (entry.IsEncrypted)
            {
                throw new UnsupportedArrayException($"member '{entry.FileName}' is encrypted; encrypted archives are not supported");
            }

            var dataStart = ZipLocalHeader.DataStart(reader.Source, entry, reader.Directory.DataLimit(entry));
            writer.CopyRaw(entry, reader.Source, dataStart, entry.FileName, PreambleLength(entry));
        }

        writer.Complete(order);
        completed = true;
    }

    // The NPY preamble length of a stored member to be aligned; null when not aligning or the member is not a
    // readable NPY array (it is then copied as it is, unpadded).
    private int? PreambleLength(ZipEntryRecord entry)
    {
        if (!writer.AlignsStoredMembers || entry.Method != ZipConstants.MethodStored)
        {
            return null;
        }

        try
        {
            return reader.Describe(entry).Npy.DataOffset;
        }
        catch (ArrayFormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        writer.Dispose();
        reader.Dispose();
    }

    private void CheckOpen()
    {
        if (completed)
        {
            throw new InvalidOperationException("the edit is already complete");
        }
    }

    // "a" and "a.npy" both name member a.npy; a member without the suffix (readme.txt) is named exactly.
    private string FileName(string name) => order.Contains(name, StringComparer.Ordinal) ? name : MemberNames.FileName(name);

    private static string ArrayName(string file) => MemberNames.ArrayName(file);
}
