using System.Collections.Concurrent;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>A local folder as an <see cref="IArrayDirectory"/>, as a plugin author tests without the engine; counts chunk opens and bytes read.</summary>
internal sealed class FolderDirectory(string root, bool writable = false) : IArrayDirectory
{
    private long bytesRead;

    public ConcurrentBag<string> Opened { get; } = [];

    public long BytesRead => Interlocked.Read(ref bytesRead);

    public string Name => root;

    public bool CanWrite => writable;

    public IReadOnlyList<string> List(string folder = "")
    {
        var at = Path.Combine(root, folder);
        if (!Directory.Exists(at))
        {
            return [];
        }

        return [.. new DirectoryInfo(at).EnumerateFileSystemInfos()
            .Select(e => folder + e.Name + (e is DirectoryInfo ? "/" : ""))
            .Order(StringComparer.Ordinal)];
    }

    public Stream OpenRead(string entry)
    {
        var path = Path.Combine(root, entry);
        if (!File.Exists(path))
        {
            throw new ArrayFileAccessException($"{entry}: no such entry", missing: true);
        }

        Opened.Add(entry);
        return new CountingStream(File.OpenRead(path), n => Interlocked.Add(ref bytesRead, n));
    }

    public Stream Create(string entry)
    {
        if (!writable)
        {
            throw new NotSupportedException("read only");
        }

        var path = Path.Combine(root, entry);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.CreateNew);
    }
}

/// <summary>A readable, seekable stream that reports every byte read.</summary>
internal sealed class CountingStream(Stream inner, Action<int> counted) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        counted(n);
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
