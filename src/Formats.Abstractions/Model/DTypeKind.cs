namespace Formats;

/// <summary>The family of a <see cref="DType"/>; NumPy's <c>dtype.kind</c> plus structure.</summary>
public enum DTypeKind
{
    /// <summary><c>b</c>: one-byte booleans.</summary>
    Bool,

    /// <summary><c>i</c>: signed integers of 1, 2, 4 or 8 bytes.</summary>
    Int,

    /// <summary><c>u</c>: unsigned integers of 1, 2, 4 or 8 bytes.</summary>
    UInt,

    /// <summary><c>f</c>: IEEE floats of 2, 4 or 8 bytes; long doubles of 12 or 16 bytes, kept as opaque bytes.</summary>
    Float,

    /// <summary><c>c</c>: complex numbers of two 4- or 8-byte floats; of two long doubles (24 or 32 bytes), kept as opaque bytes.</summary>
    Complex,

    /// <summary><c>M</c>: 64-bit datetimes with a unit.</summary>
    DateTime,

    /// <summary><c>m</c>: 64-bit time deltas with a unit.</summary>
    TimeDelta,

    /// <summary><c>S</c>: fixed-length byte strings, zero padded.</summary>
    Bytes,

    /// <summary><c>U</c>: fixed-length UCS-4 strings.</summary>
    Unicode,

    /// <summary><c>V</c>: opaque fixed-size bytes.</summary>
    Void,

    /// <summary>Named fields at byte offsets (a NumPy record dtype).</summary>
    Structured,

    /// <summary>A fixed-shape block of a base dtype, as used by structured fields.</summary>
    Subarray,
}
