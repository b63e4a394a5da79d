using System.Buffers.Binary;
using System.Text;
using Formats.IO;
using Formats.Literals;

namespace Formats.Numpy;

/// <summary>
/// Reads and writes NPY preambles exactly as NumPy's <c>numpy.lib.format</c> does: magic, version, header
/// length, the header dict literal and its padding. Shared by every format that embeds NPY (NPY, NPZ).
/// </summary>
public static class NpyHeaderCodec
{
    /// <summary>Length of the magic string plus the two version bytes.</summary>
    public const int PrefixLength = 8;

    /// <summary>NumPy aligns data to this many bytes (16 before NumPy 1.14).</summary>
    public const int Alignment = 64;

    private static readonly byte[] MagicBytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary><c>\x93NUMPY</c>.</summary>
    public static ReadOnlySpan<byte> Magic => MagicBytes;

    /// <summary>The magic as an array, for detectors.</summary>
    public static byte[] MagicArray => (byte[])MagicBytes.Clone();

    /// <summary>Reads the preamble from <paramref name="stream"/> (positioned at the magic), leaving it at the first data byte.</summary>
    /// <param name="stream">The NPY data; need not be seekable.</param>
    /// <param name="maxHeaderSize">Longest header text accepted, in characters (NumPy's <c>max_header_size</c>).</param>
    /// <param name="available">Bytes the stream holds from its position, when known, so no header can claim more.</param>
    /// <exception cref="MalformedArrayException">The preamble is malformed, truncated or too large.</exception>
    /// <exception cref="UnsupportedArrayException">The dtype is refused (object, a top-level subarray).</exception>
    public static NpyHeader Read(Stream stream, int maxHeaderSize = ArrayReadOptions.DefaultMaxHeaderSize, long? available = null)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        var got = StreamIO.ReadAtMost(stream, prefix);
        if (got < MagicBytes.Length || !prefix[..MagicBytes.Length].SequenceEqual(MagicBytes))
        {
            if (got >= MagicBytes.Length || !prefix[..got].SequenceEqual(MagicBytes.AsSpan(0, got)))
            {
                // The content is not quoted: these messages end up in logs, error files and dead-letter headers.
                throw new NotNpyDataException("not an NPY file: the magic string \\x93NUMPY is missing");
            }

            throw new NotNpyDataException($"file ends inside the NPY magic string ({got} bytes)");
        }

        if (got < PrefixLength)
        {
            throw new MalformedArrayException("file ends before the NPY version bytes");
        }

        var (major, minor) = (prefix[6], prefix[7]);
        var lengthSize = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) or (3, 0) => 4,
            _ => throw new MalformedArrayException($"unsupported NPY format version {major}.{minor} (only 1.0, 2.0 and 3.0 exist)"),
        };

        Span<byte> lengthBytes = stackalloc byte[4];
        StreamIO.ReadExactly(stream, lengthBytes[..lengthSize], "NPY header length");
        var headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);

        // A length the file cannot hold is a lie, whatever the limit: say so before suggesting a larger limit.
        if (available is { } avail && headerLength > avail - PrefixLength - lengthSize)
        {
            throw new MalformedArrayException(
                $"NPY header length {headerLength} claims more than the {Math.Max(0, avail - PrefixLength - lengthSize)} bytes left in the file");
        }

        // UTF-8 (v3) may spend up to 4 bytes per character; the character limit is checked after decoding.
        var byteLimit = Math.Min((long)maxHeaderSize * (major == 3 ? 4 : 1), Array.MaxLength);
        if (headerLength > byteLimit)
        {
            throw new MalformedArrayException(
                $"NPY header of {headerLength} bytes exceeds the limit of {maxHeaderSize} characters (raise MaxHeaderSize only for trusted files)");
        }

        var raw = ReadHeaderBytes(stream, (int)headerLength);
        string text;
        try
        {
            text = major == 3 ? StrictUtf8.GetString(raw) : Latin1.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw new MalformedArrayException("NPY 3.0 header is not valid UTF-8");
        }

        if (text.Length > maxHeaderSize)
        {
            throw new MalformedArrayException(
                $"NPY header of {text.Length} characters exceeds the limit of {maxHeaderSize} (raise MaxHeaderSize only for trusted files)");
        }

        var array = ParseHeaderText(text, allowLongSuffix: major != 3);
        return new NpyHeader(array, major, minor, checked(PrefixLength + lengthSize + (int)headerLength));
    }

    /// <summary>Parses the header dict literal (without magic and length) into an array header.</summary>
    /// <exception cref="ArrayFormatException">The literal is not a valid NPY header.</exception>
    public static ArrayHeader ParseHeaderText(string text, bool allowLongSuffix = true)
    {
        // np.load evaluates the header with ast.literal_eval, and Python refuses source holding a NUL byte anywhere
        // ("source code string cannot contain null bytes"), even inside a string; the escape \x00 is fine.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"NPY header holds a NUL byte at character {text.IndexOf('\0', StringComparison.Ordinal)}, which np.load refuses");
        }

        var value = PyLiteralParser.Parse(text, allowLongSuffix);
        if (value is not PyDict dict)
        {
            throw new MalformedArrayException("NPY header is not a dictionary");
        }

        object? descr = null, fortran = null, shape = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, v) in dict.Entries)
        {
            if (key is not string name || name is not ("descr" or "fortran_order" or "shape"))
            {
                throw new MalformedArrayException(
                    $"NPY header has an unexpected key {(key is string s ? PyRepr.String(s) : key.GetType().Name)} (exactly 'descr', 'fortran_order' and 'shape' are allowed)");
            }

            if (!seen.Add(name))
            {
                throw new MalformedArrayException($"NPY header key '{name}' appears twice");
            }

            switch (name)
            {
                case "descr": descr = v; break;
                case "fortran_order": fortran = v; break;
                default: shape = v; break;
            }
        }

        if (seen.Count != 3)
        {
            var missing = new[] { "descr", "fortran_order", "shape" }.Where(k => !seen.Contains(k));
            throw new MalformedArrayException($"NPY header lacks the key(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }

        if (fortran is not bool fortranOrder)
        {
            throw new MalformedArrayException("NPY header 'fortran_order' is not True or False");
        }

        if (shape is not PyTuple tuple || tuple.Items.Any(i => i is not long))
        {
            throw new MalformedArrayException("NPY header 'shape' is not a tuple of integers");
        }

        var dims = tuple.Items.Cast<long>().ToArray();
        if (dims.Any(d => d < 0))
        {
            throw new MalformedArrayException($"NPY header 'shape' {PyRepr.Tuple(dims)} has a negative dimension");
        }

        DType dtype;
        try
        {
            dtype = DTypeDescr.FromLiteral(descr);
        }
        catch (ArgumentException e)
        {
            throw new MalformedArrayException($"NPY header 'descr' is not a valid dtype: {e.Message}");
        }

        if (dtype.Kind == DTypeKind.Subarray)
        {
            // descr_to_dtype builds it, but np.load then fails to shape the data: no NumPy can read such a file.
            throw new UnsupportedArrayException($"NPY header 'descr' {dtype} is a subarray type, which NumPy cannot load");
        }

        var header = new ArrayHeader(dtype, new ArrayShape(dims), fortranOrder ? ArrayOrder.Fortran : ArrayOrder.C);
        _ = header.ByteLength; // overflow check
        if (NumPyLimits.Problem(header) is { } problem)
        {
            throw new MalformedArrayException($"NPY header 'shape': {problem}");
        }

        return header;
    }

    /// <summary>
    /// The preamble NumPy's <c>np.save</c> writes for <paramref name="header"/>: version chosen as NumPy does
    /// (1.0, else 2.0 for long headers, else 3.0 for non-latin-1 names), keys sorted, growth-axis reserve, 64-byte alignment.
    /// </summary>
    /// <exception cref="UnsupportedArrayException">The dtype cannot be described by a descr.</exception>
    public static byte[] Encode(ArrayHeader header)
    {
        var text = HeaderText(header);
        var latin = CanEncodeLatin1(text);
        if (latin)
        {
            return Wrap(text, 1, Latin1) ?? Wrap(text, 2, Latin1)!;
        }

        return Wrap(text, 3, StrictUtf8) ?? throw new UnsupportedArrayException("NPY header does not fit in 4 GiB");
    }

    /// <summary>Encodes with a fixed version, or returns null when the header does not fit that version.</summary>
    public static byte[]? EncodeVersion(ArrayHeader header, byte major)
    {
        var text = HeaderText(header);
        return major switch
        {
            1 or 2 when CanEncodeLatin1(text) => Wrap(text, major, Latin1),
            3 => Wrap(text, 3, StrictUtf8),
            _ => null,
        };
    }

    /// <summary>
    /// The header text without padding: <c>{'descr': ..., 'fortran_order': ..., 'shape': ..., }</c> plus the
    /// growth-axis spaces. Order is normalised as NumPy does: an array that is both C- and Fortran-contiguous is written as C.
    /// </summary>
    public static string HeaderText(ArrayHeader header)
    {
        if (header.DType.Kind == DTypeKind.Subarray)
        {
            throw new UnsupportedArrayException(
                $"an NPY array's dtype cannot be a subarray ({header.DType}): fold the subarray shape into the array's shape, as NumPy does");
        }

        if (NumPyLimits.Problem(header) is { } problem)
        {
            throw new UnsupportedArrayException($"cannot write an NPY array NumPy cannot load: {problem}");
        }

        var fortran = header.IsFortranOnly;
        var shape = header.Shape;
        var text = $"{{'descr': {header.DType}, 'fortran_order': {PyRepr.Bool(fortran)}, 'shape': {shape}, }}";
        if (shape.Rank > 0)
        {
            var growth = shape[fortran ? shape.Rank - 1 : 0];
            var digits = growth.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            text += new string(' ', NpyHeader.GrowthAxisMaxDigits - digits);
        }

        return text;
    }

    /// <summary>
    /// The preamble of <paramref name="existing"/>'s version and exact length describing <paramref name="header"/>
    /// instead (what in-place growth along axis 0 writes), or null when the new header text does not fit.
    /// </summary>
    public static byte[]? EncodeInPlace(ArrayHeader header, NpyHeader existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var text = HeaderText(header).TrimEnd(' ');
        return Wrap(text, existing.Major, existing.Major == 3 ? StrictUtf8 : Latin1, existing.DataOffset);
    }

    // The preamble around header text: padded with spaces to 64-byte alignment, or to exactly fixedLength bytes.
    private static byte[]? Wrap(string text, byte major, Encoding encoding, int? fixedLength = null)
    {
        if (major == 1 || major == 2)
        {
            if (!CanEncodeLatin1(text))
            {
                return null;
            }
        }

        var body = encoding.GetBytes(text);
        var lengthSize = major == 1 ? 2 : 4;
        var hlen = body.Length + 1; // the closing newline
        var pad = fixedLength is { } length
            ? length - PrefixLength - lengthSize - hlen
            : Alignment - ((PrefixLength + lengthSize + hlen) % Alignment);
        var total = (long)hlen + pad;
        if (pad < 0 || total > (major == 1 ? ushort.MaxValue : uint.MaxValue))
        {
            return null;
        }

        var result = new byte[PrefixLength + lengthSize + total];
        MagicBytes.CopyTo(result, 0);
        result[6] = major;
        result[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(PrefixLength), (ushort)total);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(PrefixLength), (uint)total);
        }

        body.CopyTo(result, PrefixLength + lengthSize);
        result.AsSpan(PrefixLength + lengthSize + body.Length, pad).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    private static bool CanEncodeLatin1(string text)
    {
        foreach (var c in text)
        {
            if (c > 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    // Grows the buffer only as bytes arrive, so a stream of unknown length that merely claims a huge header
    // cannot make the reader allocate it.
    private static byte[] ReadHeaderBytes(Stream stream, int length)
    {
        const int Chunk = 1 << 16;
        var buffer = new byte[Math.Min(length, Chunk)];
        var total = 0;
        while (total < length)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            }

            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                throw new MalformedArrayException($"file ends inside the NPY header: {total} of {length} bytes present");
            }

            total += n;
        }

        return buffer;
    }
}
