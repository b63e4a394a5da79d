using System.Buffers;
using Formats.Numpy;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Writing;

/// <summary>
/// Writes an NPZ member by member, as <c>np.savez</c> (stored) or <c>np.savez_compressed</c> (deflated) lays it
/// out: local header with a Zip64 extra, the member's NPY bytes, the header patched with CRC and sizes (or a
/// Zip64 data descriptor when the output cannot seek), then the central directory on <see cref="Complete()"/>.
/// Stored archives are byte-identical to NumPy's; with <see cref="ArrayWriteOptions.Alignment"/>, stored members'
/// local headers are padded with an <see cref="AlignmentExtra"/> field so that their array data starts aligned.
/// </summary>
internal sealed class NpzWriter : IArrayWriter
{
    private readonly ZipOutput output;
    private readonly int? level;
    private readonly int parallelism;
    private readonly int? pieceSize;
    private readonly int alignment;
    private readonly List<ZipEntryRecord> records = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private MemberWriteStream? current;
    private ZipEntryRecord? currentRecord;
    private int positional;
    private bool completed;

    /// <param name="stream">Where the archive goes.</param>
    /// <param name="options">Compression level, threads and alignment.</param>
    /// <param name="pieceSize">
    /// Uncompressed bytes per deflated piece; null picks <see cref="NpzCompression.PieceSizeFor"/> per member (tests use
    /// small pieces to get many).
    /// </param>
    public NpzWriter(Stream stream, ArrayWriteOptions options, int? pieceSize = null)
    {
        this.pieceSize = pieceSize;
        output = new ZipOutput(stream);
        level = NpzCompression.SelectLevel(options);
        parallelism = Math.Max(1, options.MaxDegreeOfParallelism);
        if (!AlignmentExtra.IsValid(options.Alignment))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Alignment, $"the alignment must be 0, 1 or a power of two up to {AlignmentExtra.MaxAlignment}");
        }

        alignment = options.Alignment;
    }

    /// <summary>True when stored members are written aligned (<see cref="ArrayWriteOptions.Alignment"/> above 1).</summary>
    public bool AlignsStoredMembers => alignment > 1 && level is null;

    /// <summary>Full names (with <c>.npy</c>) of the members written so far.</summary>
    public IReadOnlyCollection<string> MemberNames => names;

    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        CheckIdle();
        // Only null is positional: np.savez(f, **{'': a}) names a member '.npy'.
        var member = (name ?? $"arr_{positional++}") + ".npy";
        if (member.Contains('\0', StringComparison.Ordinal))
        {
            // Escaped, so the error stays one printable line; zipfile would cut the name there (NumPy would list 'a' for a\0b).
            throw new ArrayFormatException($"member name '{name!.Replace("\0", "\\x00", StringComparison.Ordinal)}' contains a NUL character, where Python's zipfile cuts a member name");
        }

        if (names.Contains(member))
        {
            throw new ArrayFormatException($"the archive already has a member '{member}'");
        }

        var preamble = NpyHeaderCodec.Encode(header);
        var (raw, flags) = ZipRecords.EncodeName(member);
        if (!output.CanPatch)
        {
            flags |= ZipConstants.FlagDataDescriptor;
        }

        var (field, gap) = AlignmentFor(member, raw, preamble.Length);
        if (gap > 0)
        {
            // Zero bytes between members: zip readers find local headers through the central directory.
            output.Write(new byte[gap]);
        }

        var record = new ZipEntryRecord
        {
            FileName = member,
            RawName = raw,
            Flags = flags,
            Method = level is null ? ZipConstants.MethodStored : ZipConstants.MethodDeflated,
            Crc32 = 0,
            CompressedSize = 0,
            UncompressedSize = 0,
            LocalHeaderOffset = output.Position,
            AlignmentField = field,
            Alignment = alignment,
        };
        output.Write(ZipRecords.LocalHeader(record));
        IMemberSink sink = level is { } l
            ? new DeflatedSink(output, l, parallelism, pieceSize ?? NpzCompression.PieceSizeFor(preamble.Length + header.ByteLength), preamble.Length + header.ByteLength)
            : new StoredSink(output);
        try
        {
            sink.Write(preamble);
        }
        catch
        {
            sink.Dispose();
            throw;
        }

        names.Add(member);
        currentRecord = record;
        current = new MemberWriteStream(this, header, sink);
        return current;
    }

    // The alignment field (and gap) that puts a stored member's array data, after its NPY preamble, on the
    // boundary; none for deflated members (their data cannot be mapped) or without alignment.
    private (int Field, int Gap) AlignmentFor(string member, byte[] rawName, int preambleLength)
    {
        if (!AlignsStoredMembers)
        {
            return (0, 0);
        }

        var room = ushort.MaxValue - ZipRecords.LocalZip64ExtraLength;
        var plan = AlignmentExtra.Plan(output.Position, ZipRecords.LocalHeaderLength(rawName) + preambleLength, alignment, room);
        if (plan.Gap > 0 && output.Position == 0)
        {
            // A gap before the first member would hide the archive's magic.
            throw new ArrayFormatException(
                $"member '{member}' cannot be aligned to {alignment} bytes: its name and NPY header leave no room for the padding");
        }

        return plan;
    }

    /// <summary>Called by the member's stream once its last byte is written.</summary>
    internal void FinishMember(MemberWriteStream stream, MemberTotals totals)
    {
        if (!ReferenceEquals(stream, current) || currentRecord is null)
        {
            throw new InvalidOperationException("this member is not the one being written");
        }

        var record = currentRecord with
        {
            Crc32 = totals.Crc32,
            CompressedSize = totals.CompressedSize,
            UncompressedSize = totals.UncompressedSize,
            Restarts = totals.Restarts,
        };
        if (output.CanPatch)
        {
            output.Patch(record.LocalHeaderOffset, ZipRecords.LocalHeader(record));
        }
        else
        {
            output.Write(ZipRecords.DataDescriptor(record));
        }

        records.Add(record);
        current = null;
        currentRecord = null;
    }

    /// <summary>
    /// Copies a member of another archive as it is stored, without inflating it: a fresh local header, then the
    /// compressed bytes. Used to edit archives without recompressing untouched members. A stored member whose NPY
    /// preamble length is given is aligned as a written one would be (<see cref="AlignsStoredMembers"/>).
    /// </summary>
    internal void CopyRaw(ZipEntryRecord entry, ZipSource source, long dataStart, string fileName, int? preambleLength = null)
    {
        CheckIdle();
        if (!names.Add(fileName))
        {
            throw new ArrayFormatException($"the archive already has a member '{fileName}'");
        }

        var (raw, flags) = ZipRecords.EncodeName(fileName);
        var (field, gap) = entry.Method == ZipConstants.MethodStored && preambleLength is { } preamble
            ? AlignmentFor(fileName, raw, preamble)
            : (0, 0);
        if (gap > 0)
        {
            output.Write(new byte[gap]);
        }

        var record = new ZipEntryRecord
        {
            FileName = fileName,
            RawName = raw,
            Flags = flags,
            Method = entry.Method,
            Crc32 = entry.Crc32,
            CompressedSize = entry.CompressedSize,
            UncompressedSize = entry.UncompressedSize,
            LocalHeaderOffset = output.Position,
            AlignmentField = field,
            Alignment = alignment,
            DosTime = entry.DosTime,
            DosDate = entry.DosDate,

            // The compressed bytes are copied unchanged, so their restart points still hold.
            Restarts = entry.Restarts,
        };
        output.Write(ZipRecords.LocalHeader(record));
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (var done = 0L; done < entry.CompressedSize;)
            {
                var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, entry.CompressedSize - done));
                source.ReadExactlyAt(dataStart + done, span, $"data of member '{entry.FileName}'");
                output.Write(span);
                done += span.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        records.Add(record);
    }

    public void Complete() => Complete(null);

    /// <summary>Writes the central directory, members ordered by <paramref name="order"/> (full names) when given.</summary>
    internal void Complete(IReadOnlyList<string>? order)
    {
        CheckIdle();
        IEnumerable<ZipEntryRecord> ordered = records;
        if (order is not null)
        {
            var rank = order.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            ordered = records.OrderBy(r => rank.GetValueOrDefault(r.FileName, int.MaxValue));
        }

        var directoryOffset = output.Position;
        foreach (var record in ordered)
        {
            output.Write(ZipRecords.CentralHeader(record));
        }

        output.Write(ZipRecords.EndRecords(records.Count, directoryOffset, output.Position - directoryOffset));
        output.Flush();
        completed = true;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Complete();
        return ValueTask.CompletedTask;
    }

    private void CheckIdle()
    {
        if (completed)
        {
            throw new InvalidOperationException("the archive is already complete");
        }

        if (current is not null)
        {
            throw new InvalidOperationException(
                $"member '{currentRecord!.FileName}' is unfinished: write all its data and complete it first");
        }
    }

    public void Dispose()
    {
        // An unfinished member's workers are stopped; the stream belongs to the caller.
        current?.Dispose();
    }
}
