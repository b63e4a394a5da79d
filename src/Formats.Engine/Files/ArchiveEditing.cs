using Formats.Pipeline;
using Formats.Routing;

namespace Formats.Files;

/// <summary>
/// Edits an archive through its format's editor, atomically: the edited archive goes to a temporary file beside
/// the original, which it replaces only when the edit completes.
/// </summary>
internal sealed class ArchiveEditing(FormatRouter router, ArrayFormatsOptions options)
{
    public async Task EditAsync(string path, Func<IArrayArchiveEditor, CancellationToken, Task> edit, WriteRequest write,
        CancellationToken cancellationToken)
    {
        await using var source = FileOpening.OpenRead(path);
        var format = FileErrors.Guard(path, () => router.ForRead(source, path)) as IEditableArchiveFormat
            ?? throw new ArrayFormatException("this format's files cannot be edited member by member") { SourcePath = path };
        using var file = AtomicFile.Create(path);
        await FileErrors.GuardAsync(path, async () =>
        {
            using var editor = format.CreateEditor(source, file.Stream,
                RequestOptions.ToReadOptions(ReadRequest.Default, options), RequestOptions.ToWriteOptions(write, options));
            await edit(editor, cancellationToken);
            editor.Complete();
            return true;
        });
        source.Dispose();
        file.Commit();
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
