using Formats.Plugins.Npz.Editing;
using Formats.Plugins.Npz.Tests.Interop;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Zip;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Editing;

public sealed class NpzArchiveEditorTests : IDisposable
{
    private readonly TempDir dir = new();

    public NpzArchiveEditorTests() => NumPy.Run("""
        rng = np.random.default_rng(9)
        np.savez_compressed('src.npz', a=rng.random(20000), b=np.arange(5000), c=rng.integers(0, 9, (300, 40)).astype('<i2'))
        np.savez('stored.npz', x=np.arange(10), y=np.ones(3))
        """, dir.Path);

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AddsReplacesAndRemovesWithoutRecompressingUntouchedMembers()
    {
        var replacement = NDArray.FromValues<double>([1.5, 2.5, 3.5]);
        var added = NDArray.FromValues<int>([.. Enumerable.Range(0, 100_000)]);
        using (var source = File.OpenRead(dir.File("src.npz")))
        using (var target = File.Create(dir.File("edited.npz")))
        using (var editor = NpzTest.Format.CreateEditor(source, target, writeOptions: new ArrayWriteOptions { Compress = true }))
        {
            Assert.Equal(["a", "b", "c"], editor.SourceEntries.Select(e => e.Name));
            editor.Remove("b");
            Write(editor, "a", replacement);
            Write(editor, "d", added);
            Assert.Equal(["a", "c", "d"], editor.Members);
            editor.Complete();
        }

        Assert.Equal("['a', 'c', 'd'] True True True None", NumPy.Run("""
            import zipfile
            s, e = np.load('src.npz'), np.load('edited.npz')
            print(e.files, np.array_equal(e['a'], [1.5, 2.5, 3.5]), np.array_equal(e['c'], s['c']),
                  np.array_equal(e['d'], np.arange(100000, dtype='<i4')), zipfile.ZipFile('edited.npz').testzip())
            """, dir.Path).Trim());

        // The untouched member's deflate bytes were copied, not recompressed.
        Assert.Equal(RawBytes(dir.File("src.npz"), "c.npy"), RawBytes(dir.File("edited.npz"), "c.npy"));
    }

    [Fact]
    public void EditsIntoAStreamThatCannotSeek()
    {
        using (var source = File.OpenRead(dir.File("stored.npz")))
        using (var file = File.Create(dir.File("piped.npz")))
        using (var editor = new NpzArchiveEditor(source, new ForwardOnlyStream(file)))
        {
            Write(editor, "z", NDArray.FromValues<float>([1f, 2f]));
            editor.Remove("x");
            editor.Complete();
        }

        Assert.Equal("['y', 'z'] True True None", NumPy.Run("""
            import zipfile
            e = np.load('piped.npz')
            print(e.files, np.array_equal(e['y'], np.ones(3)), np.array_equal(e['z'], [1, 2]), zipfile.ZipFile('piped.npz').testzip())
            """, dir.Path).Trim());
    }

    [Fact]
    public void RefusesEditsThatMakeNoSense()
    {
        using var source = File.OpenRead(dir.File("stored.npz"));
        using var editor = new NpzArchiveEditor(source, new MemoryStream());
        Assert.Throws<ArrayFormatException>(() => editor.Remove("missing"));
        Write(editor, "x", NDArray.FromValues<long>([1]));
        Assert.Throws<ArrayFormatException>(() => editor.SetArray("x.npy", ArrayHeader.Create(DType.Int64, 1)));
        Assert.Throws<ArrayFormatException>(() => editor.Remove("x"));
        Assert.Throws<ArgumentException>(() => new NpzArchiveEditor(source, source));
        editor.Complete();
        Assert.Throws<InvalidOperationException>(() => editor.Remove("y"));
    }

    [Fact]
    public void UntouchedMembersKeepTheirRestartIndex()
    {
        var member = IndexedNpz.Bytes("a", 50_000);
        var archive = IndexedNpz.Write(4096, member, IndexedNpz.Bytes("b", 30_000));
        var edited = new MemoryStream();
        using (var editor = new NpzArchiveEditor(new MemoryStream(archive), edited, writeOptions: new ArrayWriteOptions { Compress = true }))
        {
            editor.Remove("b");
            Write(editor, "c", NDArray.FromValues<int>([1, 2, 3]));
            editor.Complete();
        }

        var before = IndexedNpz.Entry(archive, "a.npy").Restarts!;
        var after = IndexedNpz.Entry(edited.ToArray(), "a.npy").Restarts!;
        Assert.Equal(before.SegmentLength, after.SegmentLength);
        Assert.Equal(before.CompressedLengths, after.CompressedLengths);
        Assert.Equal(member.Data, IndexedNpz.Read(edited.ToArray(), "a", 4));
    }

    private static void Write(NpzArchiveEditor editor, string name, NDArray array)
    {
        using (array)
        using (var sink = editor.SetArray(name, array.Header))
        {
            sink.Write(array.GetBytes());
            sink.Complete();
        }
    }

    private static byte[] RawBytes(string path, string member)
    {
        using var stream = File.OpenRead(path);
        var source = new ZipSource(stream);
        var directory = ZipDirectory.Read(source);
        var entry = directory.Entries.Single(e => e.FileName == member);
        var bytes = new byte[entry.CompressedSize];
        source.ReadExactlyAt(ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset), bytes, "member");
        return bytes;
    }
}
