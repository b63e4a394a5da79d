using Formats.Files;

namespace Formats;

/// <summary>Changing files that exist: appending rows and editing archives member by member.</summary>
public sealed partial class ArrayFiles
{
    /// <summary>
    /// Appends the rows of <paramref name="source"/> to <paramref name="target"/> along axis 0: in place when the
    /// target's header has room (NumPy's growth reserve), else by an atomic rewrite.
    /// </summary>
    public async Task AppendAsync(string target, string source, ReadRequest? sourceRequest = null,
        IProgress<ArrayProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (rows, inPlace) = await appending.AppendAsync(target, source, sourceRequest ?? ReadRequest.Default, progress, cancellationToken);
        ArrayFilesLog.Appended(logger, target, rows, inPlace);
    }

    /// <summary>
    /// Edits an archive in place, atomically: <paramref name="edit"/> removes and sets members on an editor whose
    /// output goes to a temporary file beside <paramref name="path"/>, which then replaces it. Untouched members
    /// are copied as their stored bytes, never recompressed.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file's format cannot be edited, or an edit fails; the archive is then unchanged.</exception>
    public async Task EditArchiveAsync(string path, Func<IArrayArchiveEditor, CancellationToken, Task> edit, WriteRequest? write = null,
        CancellationToken cancellationToken = default)
    {
        await editing.EditAsync(path, edit, write ?? WriteRequest.Default, cancellationToken);
        ArrayFilesLog.Edited(logger, path);
    }

    /// <summary>Adds or replaces archive members with the given arrays, without recompressing the other members.</summary>
    public Task SetMembersAsync(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, WriteRequest? write = null,
        CancellationToken cancellationToken = default) =>
        EditArchiveAsync(path, async (editor, ct) =>
        {
            foreach (var (name, array) in arrays)
            {
                await ArchiveEditing.SetArrayAsync(editor, name, array, ct);
            }
        }, write, cancellationToken);

    /// <summary>Removes archive members, copying the others unchanged.</summary>
    public Task RemoveMembersAsync(string path, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        EditArchiveAsync(path, (editor, _) =>
        {
            foreach (var name in names)
            {
                editor.Remove(name);
            }

            return Task.CompletedTask;
        }, null, cancellationToken);

    /// <summary>
    /// One atomic edit of an archive: removes the members named in <paramref name="remove"/>, then sets each member of
    /// <paramref name="set"/> (name to source file) to the array read from that file (its single array, or what
    /// <paramref name="read"/> selects). The other members are copied as their stored bytes, never recompressed; on any
    /// failure the archive is left as it was.
    /// </summary>
    /// <exception cref="ArrayFormatException">A member to remove is missing, a source cannot be read, or the archive cannot be edited; the message names the file.</exception>
    public Task EditMembersAsync(string path, IEnumerable<string> remove, IEnumerable<KeyValuePair<string, string>> set, ReadRequest? read = null,
        WriteRequest? write = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remove);
        ArgumentNullException.ThrowIfNull(set);
        var request = read ?? ReadRequest.Default;
        return EditArchiveAsync(path, async (editor, ct) =>
        {
            foreach (var name in remove)
            {
                editor.Remove(name);
            }

            foreach (var (name, source) in set)
            {
                using var array = ReadCore(() => Open(source, request.ForFile), request, ct);
                await ArchiveEditing.SetArrayAsync(editor, name, array, ct);
            }
        }, write, cancellationToken);
    }
}
