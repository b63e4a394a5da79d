using System.Collections.ObjectModel;

namespace Formats;

/// <summary>
/// A NumPy data type: everything an NPY header's <c>descr</c> can hold. Immutable, compared by value.
/// <see cref="ToString"/> gives the descr as NumPy writes it in a header.
/// </summary>
public sealed partial class DType : IEquatable<DType>
{
    private static readonly ReadOnlyCollection<DTypeField> NoFields = new([]);

    private DType(DTypeKind kind, int itemSize, ByteOrder byteOrder, string unit, IReadOnlyList<DTypeField> fields, DType? subarrayBase, long[]? subarrayShape)
    {
        Kind = kind;
        ItemSize = itemSize;
        ByteOrder = byteOrder;
        Unit = unit;
        Fields = fields;
        SubarrayBase = subarrayBase;
        subarrayDims = subarrayShape;
    }

    private readonly long[]? subarrayDims;

    /// <summary>The dtype family.</summary>
    public DTypeKind Kind { get; }

    /// <summary>Bytes per item (NumPy's <c>itemsize</c>).</summary>
    public int ItemSize { get; }

    /// <summary>Byte order of the items; <see cref="ByteOrder.NotApplicable"/> where swapping means nothing.</summary>
    public ByteOrder ByteOrder { get; }

    /// <summary>The datetime/timedelta unit as written between brackets (<c>ns</c>, <c>25s</c>), or empty for generic units.</summary>
    public string Unit { get; }

    /// <summary>Fields of a structured dtype in declaration order; empty otherwise.</summary>
    public IReadOnlyList<DTypeField> Fields { get; }

    /// <summary>The element dtype of a subarray dtype; null otherwise.</summary>
    public DType? SubarrayBase { get; }

    /// <summary>The shape of a subarray dtype; empty otherwise.</summary>
    public ReadOnlySpan<long> SubarrayShape => subarrayDims;

    /// <summary>
    /// True for plain numbers, booleans and datetimes: the types with a typed .NET view, except long doubles
    /// (<see cref="IsLongDouble"/>), whose items pass through as opaque bytes.
    /// </summary>
    public bool IsPrimitive => Kind is DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt or DTypeKind.Float
        or DTypeKind.Complex or DTypeKind.DateTime or DTypeKind.TimeDelta;

    /// <summary>
    /// True for NumPy's platform-defined <c>longdouble</c> (<c>f12</c>, <c>f16</c>) and <c>clongdouble</c> (<c>c24</c>,
    /// <c>c32</c>): the bytes are kept exactly, but .NET has no type to view them as, so typed access refuses them.
    /// </summary>
    public bool IsLongDouble => (Kind == DTypeKind.Float && ItemSize is 12 or 16) || (Kind == DTypeKind.Complex && ItemSize is 24 or 32);

    /// <summary>True when no part of an item needs swapping on this machine.</summary>
    public bool IsNativeByteOrder => Kind switch
    {
        DTypeKind.Structured => Fields.All(f => f.DType.IsNativeByteOrder),
        DTypeKind.Subarray => SubarrayBase!.IsNativeByteOrder,
        _ => ByteOrder == ByteOrder.NotApplicable || ByteOrder == NativeOrder,
    };

    /// <summary>The byte order of this machine.</summary>
    public static ByteOrder NativeOrder { get; } = BitConverter.IsLittleEndian ? ByteOrder.Little : ByteOrder.Big;

    /// <summary><c>|b1</c></summary>
    public static DType Bool { get; } = Primitive(DTypeKind.Bool, 1);

    /// <summary><c>|i1</c></summary>
    public static DType Int8 { get; } = Primitive(DTypeKind.Int, 1);

    /// <summary><c>&lt;i2</c></summary>
    public static DType Int16 { get; } = Primitive(DTypeKind.Int, 2);

    /// <summary><c>&lt;i4</c></summary>
    public static DType Int32 { get; } = Primitive(DTypeKind.Int, 4);

    /// <summary><c>&lt;i8</c></summary>
    public static DType Int64 { get; } = Primitive(DTypeKind.Int, 8);

    /// <summary><c>|u1</c></summary>
    public static DType UInt8 { get; } = Primitive(DTypeKind.UInt, 1);

    /// <summary><c>&lt;u2</c></summary>
    public static DType UInt16 { get; } = Primitive(DTypeKind.UInt, 2);

    /// <summary><c>&lt;u4</c></summary>
    public static DType UInt32 { get; } = Primitive(DTypeKind.UInt, 4);

    /// <summary><c>&lt;u8</c></summary>
    public static DType UInt64 { get; } = Primitive(DTypeKind.UInt, 8);

    /// <summary><c>&lt;f2</c></summary>
    public static DType Float16 { get; } = Primitive(DTypeKind.Float, 2);

    /// <summary><c>&lt;f4</c></summary>
    public static DType Float32 { get; } = Primitive(DTypeKind.Float, 4);

    /// <summary><c>&lt;f8</c></summary>
    public static DType Float64 { get; } = Primitive(DTypeKind.Float, 8);

    /// <summary><c>&lt;c8</c></summary>
    public static DType Complex64 { get; } = Primitive(DTypeKind.Complex, 8);

    /// <summary><c>&lt;c16</c></summary>
    public static DType Complex128 { get; } = Primitive(DTypeKind.Complex, 16);

    /// <summary>
    /// A numeric, boolean or datetime dtype, in native byte order unless <paramref name="byteOrder"/> says otherwise.
    /// Floats of 12 or 16 bytes and complex of 24 or 32 are long doubles (<see cref="IsLongDouble"/>).
    /// </summary>
    /// <exception cref="UnsupportedArrayException">No NumPy writes a dtype of this kind and size.</exception>
    public static DType Primitive(DTypeKind kind, int itemSize, ByteOrder? byteOrder = null, string unit = "")
    {
        var valid = kind switch
        {
            DTypeKind.Bool => itemSize == 1,
            DTypeKind.Int or DTypeKind.UInt => itemSize is 1 or 2 or 4 or 8,
            // 12 and 16 (24 and 32): long double as NumPy writes it on x86 (x87 extended, padded), x86-64,
            // aarch64 (quad) or ppc64 (double-double); only the size is known, so items stay opaque.
            DTypeKind.Float => itemSize is 2 or 4 or 8 or 12 or 16,
            DTypeKind.Complex => itemSize is 8 or 16 or 24 or 32,
            DTypeKind.DateTime or DTypeKind.TimeDelta => itemSize == 8,
            _ => false,
        };
        if (!valid)
        {
            throw new UnsupportedArrayException($"no {kind} dtype of {itemSize} bytes");
        }

        if (kind is not (DTypeKind.DateTime or DTypeKind.TimeDelta) && unit.Length != 0)
        {
            throw new ArgumentException("only datetime and timedelta dtypes have a unit", nameof(unit));
        }

        if (!DTypeSyntax.TryNormalizeUnit(unit, out unit))
        {
            throw new ArgumentException($"'{unit}' is not a datetime unit NumPy knows", nameof(unit));
        }

        var order = itemSize == 1 ? ByteOrder.NotApplicable : byteOrder is null or ByteOrder.NotApplicable ? NativeOrder : byteOrder.Value;
        return new DType(kind, itemSize, order, unit, NoFields, null, null);
    }

    /// <summary><c>M8[unit]</c>: 64-bit datetimes, unit such as <c>ns</c>, <c>D</c> or <c>25s</c> (empty: generic).</summary>
    public static DType DateTime64(string unit, ByteOrder? byteOrder = null) => Primitive(DTypeKind.DateTime, 8, byteOrder, unit);

    /// <summary><c>m8[unit]</c>: 64-bit time deltas.</summary>
    public static DType TimeDelta64(string unit, ByteOrder? byteOrder = null) => Primitive(DTypeKind.TimeDelta, 8, byteOrder, unit);

    /// <summary><c>|Sn</c>: byte strings of <paramref name="length"/> bytes.</summary>
    public static DType Bytes(int length) => new(DTypeKind.Bytes, CheckSize(length), ByteOrder.NotApplicable, "", NoFields, null, null);

    /// <summary><c>&lt;Un</c>: UCS-4 strings of <paramref name="length"/> code points.</summary>
    public static DType Unicode(int length, ByteOrder? byteOrder = null)
    {
        CheckSize(length);
        if (length > int.MaxValue / 4)
        {
            throw new UnsupportedArrayException($"unicode length {length} is too large");
        }

        return new DType(DTypeKind.Unicode, length * 4, byteOrder is null or ByteOrder.NotApplicable ? NativeOrder : byteOrder.Value, "", NoFields, null, null);
    }

    /// <summary><c>|Vn</c>: opaque items of <paramref name="size"/> bytes.</summary>
    public static DType Void(int size) => new(DTypeKind.Void, CheckSize(size), ByteOrder.NotApplicable, "", NoFields, null, null);

    /// <summary>A structured dtype from fields at explicit offsets and a total item size.</summary>
    /// <exception cref="ArgumentException">Fields repeat a name, or do not fit in <paramref name="itemSize"/>.</exception>
    public static DType Structured(IEnumerable<DTypeField> fields, int itemSize)
    {
        var list = fields.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in list)
        {
            if (!names.Add(f.Name) || (f.Title is not null && !names.Add(f.Title)))
            {
                throw new ArgumentException($"field name or title '{f.Title ?? f.Name}' appears twice", nameof(fields));
            }

            if (f.Offset < 0 || (long)f.Offset + f.DType.ItemSize > itemSize)
            {
                throw new ArgumentException($"field '{f.Name}' does not fit in an item of {itemSize} bytes", nameof(fields));
            }
        }

        return new DType(DTypeKind.Structured, CheckSize(itemSize), ByteOrder.NotApplicable, "", list.AsReadOnly(), null, null);
    }

    /// <summary>A structured dtype with fields packed one after another (NumPy's default layout).</summary>
    public static DType Packed(params (string Name, DType DType)[] fields)
    {
        var offset = 0L;
        var list = new List<DTypeField>(fields.Length);
        foreach (var (name, dtype) in fields)
        {
            list.Add(new DTypeField(name, dtype, checked((int)offset)));
            offset += dtype.ItemSize;
        }

        return Structured(list, checked((int)offset));
    }

    /// <summary>A subarray dtype: <paramref name="shape"/> items of <paramref name="baseType"/>.</summary>
    public static DType Subarray(DType baseType, params long[] shape)
    {
        if (baseType.ItemSize == 0 && baseType.Kind is DTypeKind.Bytes or DTypeKind.Unicode or DTypeKind.Void)
        {
            // NumPy: "invalid itemsize in generic type tuple".
            throw new MalformedArrayException($"a subarray of zero-size {baseType.TypeString} items is not a valid dtype");
        }

        var count = 1L;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new MalformedArrayException($"subarray dimension {d} is negative");
            }

            count = MulChecked(count, d, "subarray shape");
        }

        var size = MulChecked(count, baseType.ItemSize, "subarray size");
        if (size > int.MaxValue)
        {
            throw new UnsupportedArrayException($"subarray of {size} bytes is too large");
        }

        return new DType(DTypeKind.Subarray, (int)size, ByteOrder.NotApplicable, "", NoFields, baseType, (long[])shape.Clone());
    }

    /// <summary>The same dtype with every component in <paramref name="order"/> (where order applies).</summary>
    public DType WithByteOrder(ByteOrder order) => Kind switch
    {
        DTypeKind.Structured => new DType(Kind, ItemSize, ByteOrder, Unit,
            Fields.Select(f => f with { DType = f.DType.WithByteOrder(order) }).ToList().AsReadOnly(), null, null),
        DTypeKind.Subarray => new DType(Kind, ItemSize, ByteOrder, Unit, NoFields, SubarrayBase!.WithByteOrder(order), subarrayDims),
        _ when ByteOrder == ByteOrder.NotApplicable => this,
        _ => new DType(Kind, ItemSize, order == ByteOrder.NotApplicable ? NativeOrder : order, Unit, NoFields, null, null),
    };

    /// <summary>The same dtype in this machine's byte order.</summary>
    public DType ToNativeByteOrder() => IsNativeByteOrder ? this : WithByteOrder(NativeOrder);

    /// <summary>
    /// NumPy's <c>dtype.str</c>: the simple type string, e.g. <c>&lt;f4</c>, <c>|S10</c>, <c>&gt;M8[ns]</c>
    /// (<c>|V</c> and the item size for structured and subarray dtypes).
    /// </summary>
    public string TypeString => DTypeSyntax.TypeString(this);

    /// <summary>
    /// Parses a simple type string as NumPy spells one: an optional byte order, a type code or name, a size and a
    /// datetime unit (<c>&lt;f4</c>, <c>int16</c>, <c>M8[ns]</c>, <c>U10</c>). Structured descrs (a Python list of
    /// fields) are parsed by <c>Formats.Numpy.DTypeDescr</c>.
    /// </summary>
    /// <exception cref="MalformedArrayException">The text is not a type string.</exception>
    /// <exception cref="UnsupportedArrayException">The text names a dtype NumPy files cannot hold (object, platform-sized long double).</exception>
    public static DType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DTypeSyntax.ParseSimple(text);
    }

    /// <summary>NumPy's descr for this dtype, as it appears in an NPY header.</summary>
    public override string ToString() => DTypeSyntax.Format(this);

    /// <inheritdoc />
    public bool Equals(DType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Kind != other.Kind || ItemSize != other.ItemSize || ByteOrder != other.ByteOrder
            || Unit != other.Unit || Fields.Count != other.Fields.Count)
        {
            return false;
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] != other.Fields[i])
            {
                return false;
            }
        }

        return Kind != DTypeKind.Subarray
            || (SubarrayBase!.Equals(other.SubarrayBase) && SubarrayShape.SequenceEqual(other.SubarrayShape));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ItemSize, ByteOrder, Unit, Fields.Count);

    /// <summary>Value equality.</summary>
    public static bool operator ==(DType? left, DType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(DType? left, DType? right) => !(left == right);

    internal static char KindChar(DTypeKind kind) => kind switch
    {
        DTypeKind.Bool => 'b',
        DTypeKind.Int => 'i',
        DTypeKind.UInt => 'u',
        DTypeKind.Float => 'f',
        DTypeKind.Complex => 'c',
        DTypeKind.DateTime => 'M',
        DTypeKind.TimeDelta => 'm',
        DTypeKind.Bytes => 'S',
        DTypeKind.Unicode => 'U',
        _ => 'V',
    };

    private static int CheckSize(int size) => size >= 0 ? size : throw new MalformedArrayException($"dtype size {size} is negative");

    private static long MulChecked(long a, long b, string what)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException)
        {
            throw new MalformedArrayException($"{what} overflows 64 bits");
        }
    }
}
