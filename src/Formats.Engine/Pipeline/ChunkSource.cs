using System.Buffers;

namespace Formats.Pipeline;

/// <summary>
/// An array's data in chunks for the copy loop: windows of an array in memory (no copy), or a stream's bytes
/// read into one pooled buffer. Errors while reading name the input file.
/// </summary>
internal abstract class ChunkSource : IDisposable
{
    private const int MaxWindow = 1 << 28;

    public abstract ValueTask<ReadOnlyMemory<byte>> NextAsync(bool useAsync, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    public static ChunkSource Of(NDArray array) => new MemorySource(array);

    public static ChunkSource Of(ArrayReadStream stream, string path, int bufferSize) => new StreamSource(stream, path, bufferSize);

    private sealed class MemorySource(NDArray array) : ChunkSource
    {
        private long offset;

        public override ValueTask<ReadOnlyMemory<byte>> NextAsync(bool useAsync, CancellationToken cancellationToken)
        {
            var window = array.Storage.GetMemory(offset, (int)Math.Min(MaxWindow, array.ByteLength - offset));
            offset += window.Length;
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(window);
        }
    }

    private sealed class StreamSource : ChunkSource
    {
        private readonly ArrayReadStream stream;
        private readonly string path;
        private readonly byte[] buffer;
        private readonly int size;

        public StreamSource(ArrayReadStream stream, string path, int bufferSize)
        {
            this.stream = stream;
            this.path = path;
            size = (int)Math.Min(bufferSize, Math.Max(4096, stream.Header.ByteLength));
            buffer = ArrayPool<byte>.Shared.Rent(size);
        }

        public override async ValueTask<ReadOnlyMemory<byte>> NextAsync(bool useAsync, CancellationToken cancellationToken)
        {
            try
            {
                var n = useAsync ? await stream.ReadAsync(buffer.AsMemory(0, size), cancellationToken) : stream.Read(buffer, 0, size);
                return buffer.AsMemory(0, n);
            }
            catch (Exception e) when (FileErrors.Translate(e, path) is { } translated)
            {
                if (ReferenceEquals(translated, e))
                {
                    throw;
                }

                throw translated;
            }
        }

        protected override void Dispose(bool disposing)
        {
            stream.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            base.Dispose(disposing);
        }
    }
}
