using System.Collections.Concurrent;

namespace Formats.Engine.Tests.Storage;

/// <summary>
/// An object store in memory, behaving as a real one does for the seam: keys under <c>mem://</c>, a source pins the
/// object it first sees, an upload becomes visible only when committed and an aborted one leaves nothing. It counts
/// what a test asks about (positional reads, commits, aborts).
/// </summary>
internal sealed class MemoryStore
{
    public const string Scheme = "mem://";

    private int positionalReads;
    private int commits;
    private int aborts;

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public int PositionalReads => positionalReads;

    public int Commits => commits;

    public int Aborts => aborts;

    public static string Key(string location) =>
        location.StartsWith(Scheme, StringComparison.Ordinal) ? location[Scheme.Length..] : throw new ArgumentException($"not a {Scheme} location: {location}");

    public IArraySource Source(string key) => new MemorySource(this, key);

    public IArrayOutput Output(string key) => new MemoryOutput(this, key);

    private sealed class MemorySource(MemoryStore store, string key) : IArraySource
    {
        private byte[]? pinned;

        public string Name => Scheme + key;

        public long Length => Bytes.Length;

        // The first access pins the object, as a store pins its version (ETag): later reads see the same bytes.
        private byte[] Bytes => pinned ??= store.Objects.TryGetValue(key, out var b)
            ? b
            : throw new ArrayFileAccessException("no such object", missing: true) { SourcePath = Name };

        public Stream OpenRead() => new MemoryStream(Bytes, writable: false);

        public int ReadAt(long offset, Span<byte> buffer)
        {
            Interlocked.Increment(ref store.positionalReads);
            var bytes = Bytes;
            if (offset >= bytes.Length)
            {
                return 0;
            }

            var n = (int)Math.Min(buffer.Length, bytes.Length - offset);
            bytes.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }
    }

    private sealed class MemoryOutput(MemoryStore store, string key) : IArrayOutput
    {
        public string Name => Scheme + key;

        public IPendingArrayOutput Create(long expectedLength = 0) => new Upload(store, key);
    }

    // A multipart upload: parts buffered, the object published only by Commit.
    private sealed class Upload(MemoryStore store, string key) : IPendingArrayOutput
    {
        private readonly MemoryStream parts = new();
        private bool done;

        public Stream Stream => parts;

        public void Commit()
        {
            store.Objects[key] = parts.ToArray();
            done = true;
            Interlocked.Increment(ref store.commits);
        }

        public void Dispose()
        {
            if (!done)
            {
                done = true;
                Interlocked.Increment(ref store.aborts);
            }

            parts.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
