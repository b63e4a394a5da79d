using System.Buffers.Binary;
using System.Text;

namespace Formats.Engine.Tests.Storage;

/// <summary>
/// A format whose data is a directory, as a Zarr store is: <c>tiles.json</c> marks it (written last, so a half-written
/// store does not read as one), and each float64 array <c>name</c> is <c>name/shape</c> plus one file of at most
/// <see cref="RowsPerTile"/> rows per tile, <c>name/t/0</c>, <c>name/t/1</c>, ... (an unnamed array is <see cref="UnnamedArray"/>).
/// </summary>
internal sealed class TilesFormat : IWritableDirectoryArrayFormat, IMultiArrayFormat
{
    public const string Marker = "tiles.json";
    public const int RowsPerTile = 2;
    public const string UnnamedArray = "array";

    public string Name => "tiles";

    public string Description => "float64 arrays in tiles of rows, one file each (a test format)";

    public IReadOnlyList<string> Extensions => [".tiles"];

    public FormatDetector? Detector => null;

    public IReadOnlyList<string> MarkerEntries => [Marker];

    public int MarkerBytes => 16;

    public bool IsDirectoryMatch(IReadOnlyList<string> entries, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> markers) =>
        markers.TryGetValue(Marker, out var bytes) && bytes.Span.StartsWith("{\"tiles\": 1"u8);

    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => throw new NotSupportedException("a tiles store is a directory");

    public IArrayReader CreateReader(IArrayDirectory directory, ArrayReadOptions options) => new Reader(directory);

    public IArrayWriter CreateWriter(IArrayDirectory directory, ArrayWriteOptions options) => new Writer(directory);

    private static long RowBytes(ArrayHeader header) => header.Shape.Rank == 0 ? 8 : header.RowByteLength;

    private sealed class Reader(IArrayDirectory directory) : IArrayReader
    {
        public IReadOnlyList<ArrayEntry> Entries => [.. Names.Select(Describe)];

        public IReadOnlyList<string> Names => [.. directory.List().Where(e => e.EndsWith('/')).Select(e => e.TrimEnd('/'))];

        public ArrayEntry Describe(string name)
        {
            if (!Names.Contains(name, StringComparer.Ordinal))
            {
                throw new MemberNotFoundException($"no array '{name}' in the tiles store", name, Names);
            }

            using var shape = new StreamReader(directory.OpenRead(name + "/shape"));
            return new ArrayEntry(name, new ArrayHeader(DType.Float64, ArrayShape.Parse(shape.ReadToEnd())));
        }

        public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
        {
            var entry = Describe(name ?? Names.Single());
            return rows is null
                ? new TileStream(directory, entry.Name, entry.Header)
                : throw new UnsupportedArrayException("the tiles test format reads whole arrays only");
        }

        public void Dispose()
        {
        }
    }

    // The tiles of one array, one after the other.
    private sealed class TileStream(IArrayDirectory directory, string name, ArrayHeader header) : ArrayReadStream(header)
    {
        private long remaining = header.ByteLength;
        private int tile;
        private Stream? current;

        public override long Remaining => remaining;

        public override int Read(Span<byte> buffer)
        {
            while (remaining > 0 && !buffer.IsEmpty)
            {
                current ??= directory.OpenRead($"{name}/t/{tile}");
                var n = current.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
                if (n > 0)
                {
                    remaining -= n;
                    return n;
                }

                current.Dispose();
                current = null;
                tile++;
            }

            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            current?.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class Writer(IArrayDirectory directory) : IArrayWriter
    {
        public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
        {
            if (header.DType != DType.Float64 || header.IsFortranOnly)
            {
                throw new UnsupportedArrayException($"the tiles test format holds C-ordered float64 arrays, not {header.DType}");
            }

            // The engine hands a directory store a single array unnamed (Zarr puts it at its root); this format names it.
            name = string.IsNullOrEmpty(name) ? UnnamedArray : name;

            using (var shape = directory.Create(name + "/shape"))
            {
                shape.Write(Encoding.ASCII.GetBytes(string.Join(",", header.Shape.Dimensions.ToArray())));
            }

            return new TileSink(directory, name, header);
        }

        // The marker last: only a complete store reads as one.
        public void Complete()
        {
            using var marker = directory.Create(Marker);
            marker.Write("{\"tiles\": 1}"u8);
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
        {
            Complete();
            return ValueTask.CompletedTask;
        }

        public void Dispose()
        {
        }
    }

    private sealed class TileSink(IArrayDirectory directory, string name, ArrayHeader header) : ArrayWriteStream(header)
    {
        private readonly long tileBytes = RowsPerTile * RowBytes(header);
        private Stream? current;
        private long inTile;
        private int tile;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            CheckRoom(buffer.Length);
            while (!buffer.IsEmpty)
            {
                current ??= directory.Create($"{name}/t/{tile}");
                var n = (int)Math.Min(buffer.Length, tileBytes - inTile);
                current.Write(buffer[..n]);
                buffer = buffer[n..];
                inTile += n;
                Written += n;
                if (inTile == tileBytes)
                {
                    NextTile();
                }
            }
        }

        public override void Flush()
        {
        }

        public override void Complete()
        {
            CheckComplete();
            if (current is not null)
            {
                NextTile();
            }
        }

        protected override void Dispose(bool disposing)
        {
            current?.Dispose();
            base.Dispose(disposing);
        }

        private void NextTile()
        {
            current!.Dispose();
            (current, inTile, tile) = (null, 0, tile + 1);
        }
    }

    /// <summary>Element <paramref name="index"/> of a tile's bytes, for tests that look inside.</summary>
    public static double ValueAt(byte[] tile, int index) => BinaryPrimitives.ReadDoubleLittleEndian(tile.AsSpan(index * 8));
}
