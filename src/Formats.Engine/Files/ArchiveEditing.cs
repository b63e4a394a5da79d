using Formats.Pipeline;
using Formats.Routing;
using Formats.Storage;

namespace Formats.Files;

/// <summary>
/// Edits an archive through its format's editor, atomically: the edited archive goes to a new output over the
/// original's location (a temporary file beside a local one), which replaces it only when the edit completes.
/// </summary>
internal sealed class ArchiveEditing(FormatRouter router, ArrayFormatsOptions options, StorageResolver storage)
{
    public async Task EditAsync(string path, Func<IArrayArchiveEditor, CancellationToken, Task> edit, WriteRequest write,
        CancellationToken cancellationToken)
    {
        var store = storage.For(path);
        var location = store.GetSource(path);
        using var owned = location as IDisposable;
        await using var source = FileErrors.Guard(path, location.OpenRead);
        var format = FileErrors.Guard(path, () => router.ForRead(source, path)) as IEditableArchiveFormat
            ?? throw new ArrayFormatException("this format's files cannot be edited member by member") { SourcePath = path };
        using var file = FileErrors.Guard(path, () => store.GetOutput(path).Create());
        await FileErrors.GuardAsync(path, async () =>
        {
            using var editor = format.CreateEditor(source, file.Stream,
                RequestOptions.ToReadOptions(ReadRequest.Default, options), RequestOptions.ToWriteOptions(write, options));
            await edit(editor, cancellationToken);
            editor.Complete();
            return true;
        });
        source.Dispose();
        owned?.Dispose();
        await FileErrors.GuardAsync(path, async () =>
        {
            await file.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>Adds or replaces one member with an array in memory.</summary>
    public static async Task SetArrayAsync(IArrayArchiveEditor editor, string name, NDArray array, CancellationToken cancellationToken)
    {
        using var sink = editor.SetArray(name, array.Header);
        using var chunks = ChunkSource.Of(array);
        await ArrayCopy.RunAsync(chunks, sink, name, 0, array.ByteLength, null, useAsync: true, cancellationToken);
        await ArrayCopy.CompleteAsync(sink, useAsync: true, cancellationToken);
    }
}
