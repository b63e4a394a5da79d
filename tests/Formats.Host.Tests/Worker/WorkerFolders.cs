using System.IO.Compression;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>An inbox, outbox, done and failed folder under a fresh temporary folder, and ways to put files in.</summary>
internal sealed class WorkerFolders : IDisposable
{
    private readonly TempDir root = new();

    public WorkerFolders()
    {
        foreach (var folder in new[] { Inbox, Outbox, Done, Failed, Stage })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string Root => root.Path;

    public string Inbox => root.File("in");

    public string Outbox => root.File("out");

    public string Done => root.File("done");

    public string Failed => root.File("failed");

    /// <summary>Where producers write before renaming into the inbox (same file system).</summary>
    public string Stage => root.File("stage");

    public string[] Args(params string[] more) =>
        ["--inbox", Inbox, "--outbox", Outbox, "--done", Done, "--failed", Failed, .. more];

    /// <summary>The file names in <paramref name="folder"/>, hidden ones included, sorted.</summary>
    public static string[] Names(string folder) =>
        [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Visible files only (what a consumer of the outbox sees).</summary>
    public static string[] Visible(string folder) => [.. Names(folder).Where(n => !n.StartsWith('.'))];

    /// <summary>Writes a file in the stage folder and renames it into the inbox, as the documented producer does.</summary>
    public void RenameIn(string name, byte[] content)
    {
        var staged = Path.Combine(Stage, name);
        File.WriteAllBytes(staged, content);
        File.Move(staged, Path.Combine(Inbox, name));
    }

    public static byte[] Npy(DType dtype, long[] shape, byte[] data)
    {
        var header = NpyHeaderCodec.Encode(new ArrayHeader(dtype, new ArrayShape(shape)));
        return [.. header, .. data];
    }

    /// <summary>float64 values 0, 0.5, 1.0, ...</summary>
    public static byte[] Halves(int count) => [.. Enumerable.Range(0, count).SelectMany(i => BitConverter.GetBytes(i * 0.5))];

    /// <summary>int32 values 0, 1, 2, ...</summary>
    public static byte[] Int32s(int count) => [.. Enumerable.Range(0, count).SelectMany(BitConverter.GetBytes)];

    /// <summary>int16 values i % 1000.</summary>
    public static byte[] Int16s(int count) => [.. Enumerable.Range(0, count).SelectMany(i => BitConverter.GetBytes((short)(i % 1000)))];

    /// <summary>An NPZ as <c>np.savez</c> writes it: stored members named <c>NAME.npy</c>.</summary>
    public static byte[] Npz(params (string Name, byte[] Npy)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, npy) in members)
            {
                using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                entry.Write(npy);
            }
        }

        return buffer.ToArray();
    }

    public void Dispose() => root.Dispose();
}
