using Formats.Numpy;
using Formats.Testing;

namespace Formats.Engine.Tests.Files;

/// <summary>
/// ArrayFiles.Convert runs a conversion on the calling thread (what a batch of small files uses); it must write what
/// ConvertAsync writes and fail the same way: an error naming the file, and no output or temporary file left behind.
/// </summary>
public sealed class SyncConvertTests
{
    [Fact]
    public async Task ConvertWritesWhatConvertAsyncWritesAndNumPyReadsIt()
    {
        using var dir = new TempDir();
        NumPy.Run("np.arange(24, dtype='>i2').tofile('r.dat')\nnp.save('a.npy', np.linspace(0, 1, 40).reshape(8, 5))", dir.Path);
        var files = TestServices.Files();
        var raw = new ReadRequest { Layout = new RawLayout(DTypeDescr.Parse(">i2"), new ArrayShape(4, 6), 0, ArrayOrder.C) };
        var rows = new ReadRequest { RowStart = 2, RowStop = 6 };

        var fromRaw = files.Convert(dir.File("r.dat"), dir.File("r_sync.npy"), raw);
        await files.ConvertAsync(dir.File("r.dat"), dir.File("r_async.npy"), raw);
        files.Convert(dir.File("a.npy"), dir.File("a_sync.npy"), rows);
        await files.ConvertAsync(dir.File("a.npy"), dir.File("a_async.npy"), rows);

        Assert.Equal(24 * 2, fromRaw.DataBytes);
        Assert.Equal(File.ReadAllBytes(dir.File("r_async.npy")), File.ReadAllBytes(dir.File("r_sync.npy")));
        Assert.Equal(File.ReadAllBytes(dir.File("a_async.npy")), File.ReadAllBytes(dir.File("a_sync.npy")));
        Assert.Equal("True True", NumPy.Run(
            "r = np.load('r_sync.npy'); a = np.load('a_sync.npy')\n"
            + "print(r.dtype == np.dtype('>i2') and (r == np.arange(24).reshape(4, 6)).all(), (a == np.load('a.npy')[2:6]).all())",
            dir.Path).Trim());
    }

    [Fact]
    public void ATruncatedInputFailsNamingItAndLeavesNoOutput()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('t.npy', np.arange(1000, dtype='<f8'))", dir.Path);
        var full = File.ReadAllBytes(dir.File("t.npy"));
        File.WriteAllBytes(dir.File("t.npy"), full[..(full.Length - 100)]);
        var files = TestServices.Files();

        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Convert(dir.File("t.npy"), dir.File("out.npy")));

        Assert.Contains(dir.File("t.npy"), e.Message, StringComparison.Ordinal);
        Assert.Equal([dir.File("t.npy")], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ACancelledConvertLeavesNoOutput()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('c.npy', np.arange(10))", dir.Path);
        var files = TestServices.Files();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => files.Convert(dir.File("c.npy"), dir.File("out.npy"), cancellationToken: cancelled.Token));

        Assert.Equal([dir.File("c.npy")], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AMissingOutputFolderIsNamed()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('m.npy', np.arange(3))", dir.Path);
        var files = TestServices.Files();

        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Convert(dir.File("m.npy"), dir.File("no/such/out.npy")));

        Assert.Contains($"the folder {dir.File("no/such")} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingInputIsItsOwnErrorType()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();

        var e = Assert.Throws<ArrayFileAccessException>(() => files.Convert(dir.File("gone.npy"), dir.File("out.npy")));

        Assert.True(e.Missing);
        Assert.Equal(dir.File("gone.npy"), e.SourcePath);
        Assert.Equal($"{dir.File("gone.npy")}: no such file", e.Message);
        Assert.IsType<FileNotFoundException>(e.InnerException);
    }
}
