using System.Buffers.Binary;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// The padding that makes a stored member's array data start on an aligned offset: Android's alignment extra field
/// (header ID <see cref="Id"/>, as <c>apksigner</c> and <c>zipalign</c> write it), in the local header only.
/// </summary>
/// <remarks>
/// Layout: ID <c>0xD935</c>, data size, a 2-byte alignment (the boundary; 65,536 does not fit and is written as 0,
/// as Android truncates it), then zero bytes. The field is at least 6 bytes long. Zip readers skip extra fields they
/// do not know, and Python's <c>zipfile</c> (so NumPy) skips a local header's extra fields without parsing them.
/// </remarks>
internal static class AlignmentExtra
{
    /// <summary>Android's header ID for its alignment field (<c>ALIGNMENT_ZIP_EXTRA_DATA_FIELD_HEADER_ID</c>).</summary>
    public const ushort Id = 0xD935;

    /// <summary>The shortest field: ID, size and the 2-byte alignment.</summary>
    public const int MinLength = 6;

    /// <summary>The largest boundary accepted (64 KiB pages).</summary>
    public const int MaxAlignment = 1 << 16;

    /// <summary>True for 0 and 1 (no alignment) and powers of two up to <see cref="MaxAlignment"/>.</summary>
    public static bool IsValid(int alignment) =>
        alignment is 0 or 1 || (alignment > 1 && alignment <= MaxAlignment && (alignment & (alignment - 1)) == 0);

    /// <summary>
    /// How to pad a member whose local header would start at <paramref name="offset"/> so that the byte
    /// <paramref name="dataDistance"/> after its start (local header without the field, name, other extras and
    /// NPY preamble) lands on a multiple of <paramref name="alignment"/>.
    /// </summary>
    /// <param name="offset">Where the local header would start.</param>
    /// <param name="dataDistance">Bytes from the local header's start to the array data, without the field.</param>
    /// <param name="alignment">The boundary, a power of two above 1.</param>
    /// <param name="room">How many bytes of extra fields the local header has left for this one.</param>
    /// <returns>
    /// The field's length (0: already aligned, no field) and the zero bytes to write before the local header (only
    /// when the field alone would not fit the 64 KiB of extra fields: at most 27 bytes, with 64 KiB alignment).
    /// </returns>
    public static (int FieldLength, int Gap) Plan(long offset, long dataDistance, int alignment, int room)
    {
        var missing = (int)((alignment - ((offset + dataDistance) & (alignment - 1))) & (alignment - 1));
        if (missing == 0)
        {
            return (0, 0);
        }

        var field = missing;
        while (field < MinLength)
        {
            field += alignment;
        }

        return field <= room ? (field, 0) : (room, field - room);
    }

    /// <summary>Writes a field of <paramref name="length"/> bytes (at least <see cref="MinLength"/>) into <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, int length, int alignment)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Id);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)(length - 4));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)alignment);
        destination[MinLength..length].Clear();
    }
}
