namespace Formats;

/// <summary>The byte order of a dtype's items, as NumPy's descr prefix writes it.</summary>
public enum ByteOrder
{
    /// <summary><c>|</c>: single-byte items, bytes, void and structured types.</summary>
    NotApplicable,

    /// <summary><c>&lt;</c>: little-endian.</summary>
    Little,

    /// <summary><c>&gt;</c>: big-endian.</summary>
    Big,
}

/// <summary>Element order of a multi-dimensional array in memory or on disk.</summary>
public enum ArrayOrder
{
    /// <summary>Row-major: the last index varies fastest.</summary>
    C,

    /// <summary>Column-major: the first index varies fastest.</summary>
    Fortran,
}
