namespace Formats.Printing;

/// <summary>
/// NumPy's <c>repr</c> of an array with the default print options (<c>threshold=1000</c>, <c>edgeitems=3</c>,
/// <c>linewidth=75</c>, <c>precision=8</c>, <c>floatmode='maxprec'</c>): an array of more than 1000 items is
/// summarised with <c>...</c>, and of a file only the rows printed are read.
/// </summary>
public static class ArrayRepr
{
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 75;
    private const int Precision = 8;

    // Rows read at a time when an array is printed whole (its rows may be wide when --columns keeps few of them).
    private const long BatchBytes = 64L << 20;

    /// <summary>The repr of <paramref name="array"/>, or of the <paramref name="columns"/> it selects.</summary>
    /// <exception cref="ArrayFormatException">The columns do not apply to the array, or its dtype cannot be printed (long double).</exception>
    public static string Format(NDArray array, ArrayColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        var view = View.Create(array.Header, null, columns);
        var gather = new Gather(view);
        gather.Take(array, 0);
        return gather.Result().Repr(LineWidth, Precision);
    }

    /// <summary>
    /// The repr of one array of <paramref name="path"/> (the member and rows <paramref name="request"/> selects, as
    /// NumPy prints <c>a[START:STOP]</c>), reading only the rows that are printed: of a summarised array, the first
    /// and last three along axis 0.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file, member or rows cannot be read, or the columns do not apply; the message names the file.</exception>
    public static string FormatFile(ArrayFiles files, string path, ReadRequest? request = null, ArrayColumns? columns = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        request ??= ReadRequest.Default;
        ArrayHeader header;
        using (var file = files.Open(path, request.ForFile))
        {
            header = file.Select(request.Member).Header;
        }

        var rows = FileErrors.Guard(path, () => request.ResolveRows(header));
        var view = FileErrors.Guard(path, () => View.Create(header, rows, columns));
        var gather = new Gather(view);
        var member = request.ForFile with { Member = request.Member };
        if (header.Shape.Rank == 0)
        {
            using var scalar = files.Read(path, member);
            gather.Take(scalar, 0);
        }
        else if (view.ElementCount > 0)
        {
            var first = rows?.Start ?? 0;
            var rowBytes = Math.Max(1, header.RowByteLength);
            var batch = Math.Max(1, BatchBytes / rowBytes);
            foreach (var (start, stop) in view.RowRuns())
            {
                for (var a = start; a < stop; a += batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var b = Math.Min(stop, a + batch);
                    using var block = files.Read(path, member with { RowStart = first + a, RowStop = first + b });
                    gather.Take(block, a);
                }
            }
        }

        return FileErrors.Guard(path, () => gather.Result().Repr(LineWidth, Precision));
    }

    /// <summary>What is printed of an array: its dtype and shape after rows and columns are selected.</summary>
    private sealed class View
    {
        public required DType SourceType { get; init; }

        public required DType DType { get; init; }

        public required long[] Shape { get; init; }

        /// <summary>Source column of each printed column along axis 1; null when all are printed.</summary>
        public long[]? ColumnMap { get; init; }

        /// <summary>Byte copies from a source item to a printed item; null when items are copied whole.</summary>
        public List<(int From, int To, int Size)>? FieldCopies { get; init; }

        public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

        public bool Summarised => ElementCount > Threshold;

        public static View Create(ArrayHeader header, RowRange? rows, ArrayColumns? columns)
        {
            var shape = header.Shape.Dimensions.ToArray();
            if (rows is { } r)
            {
                shape[0] = r.Count;
            }

            var dtype = header.DType;
            long[]? map = null;
            List<(int, int, int)>? copies = null;
            if (columns is not null)
            {
                if (dtype.Kind == DTypeKind.Structured)
                {
                    (dtype, copies) = columns.ResolveFields(dtype);
                }
                else if (shape.Length >= 2)
                {
                    map = columns.ResolveIndices(shape[1]);
                    shape[1] = map.Length;
                }
                else
                {
                    throw new ArrayFormatException($"columns select fields of a structured array or columns of a 2-D array; this one is {dtype.TypeString} of shape {new ArrayShape(shape)}");
                }
            }

            return new View { SourceType = header.DType, DType = dtype, Shape = shape, ColumnMap = map, FieldCopies = copies };
        }

        /// <summary>The runs of rows along axis 0 that are printed.</summary>
        public IEnumerable<(long Start, long Stop)> RowRuns()
        {
            var n = Shape[0];
            return PrintedArray.IsCut(n, Summarised, EdgeItems) ? [(0, EdgeItems), (n - EdgeItems, n)] : [(0, n)];
        }
    }

    /// <summary>Copies the printed items of blocks of rows into a <see cref="PrintedArray"/>.</summary>
    private sealed class Gather
    {
        private readonly View view;
        private readonly long[][] kept;
        private readonly byte[] buffer;
        private readonly int[] keptStrides;

        public Gather(View view)
        {
            this.view = view;
            // An empty array keeps nothing, however long its other axes (NumPy loads shape (0, 2**63 - 1) of bytes).
            kept = view.ElementCount == 0
                ? [.. view.Shape.Select(_ => Array.Empty<long>())]
                : [.. view.Shape.Select(n => PrintedArray.Kept(n, view.Summarised, EdgeItems).ToArray())];
            var count = view.ElementCount == 0 ? 0 : kept.Aggregate(1, (a, k) => a * k.Length);
            buffer = new byte[checked(count * view.DType.ItemSize)];
            keptStrides = new int[kept.Length];
            var stride = 1;
            for (var i = kept.Length - 1; i >= 0; i--)
            {
                keptStrides[i] = stride;
                stride *= kept[i].Length;
            }
        }

        public PrintedArray Result() => new(view.DType, view.Shape, view.Summarised, EdgeItems, buffer);

        /// <summary>Takes the printed items of <paramref name="block"/>, whose row 0 is printed row <paramref name="firstRow"/>.</summary>
        public void Take(NDArray block, long firstRow)
        {
            var dims = block.Shape.Dimensions.ToArray();
            var itemSize = view.SourceType.ItemSize;
            if (dims.Length == 0)
            {
                Copy(block, 0, 0);
                return;
            }

            var sourceStrides = new long[dims.Length];
            long s = 1;
            if (block.Order == ArrayOrder.Fortran)
            {
                for (var i = 0; i < dims.Length; i++)
                {
                    sourceStrides[i] = s;
                    s *= dims[i];
                }
            }
            else
            {
                for (var i = dims.Length - 1; i >= 0; i--)
                {
                    sourceStrides[i] = s;
                    s *= dims[i];
                }
            }

            for (var k0 = 0; k0 < kept[0].Length; k0++)
            {
                var row = kept[0][k0] - firstRow;
                if (row < 0 || row >= dims[0])
                {
                    continue;
                }

                Walk(1, row * sourceStrides[0], k0 * keptStrides[0]);
            }

            void Walk(int axis, long sourceIndex, int keptIndex)
            {
                if (axis == dims.Length)
                {
                    Copy(block, sourceIndex * itemSize, keptIndex * view.DType.ItemSize);
                    return;
                }

                for (var k = 0; k < kept[axis].Length; k++)
                {
                    var position = kept[axis][k];
                    if (axis == 1 && view.ColumnMap is { } map)
                    {
                        position = map[position];
                    }

                    Walk(axis + 1, sourceIndex + position * sourceStrides[axis], keptIndex + k * keptStrides[axis]);
                }
            }
        }

        private void Copy(NDArray block, long sourceOffset, int target)
        {
            var item = block.GetBytes(sourceOffset, view.SourceType.ItemSize);
            if (view.FieldCopies is { } copies)
            {
                foreach (var (from, to, size) in copies)
                {
                    item.Slice(from, size).CopyTo(buffer.AsSpan(target + to, size));
                }
            }
            else
            {
                item.CopyTo(buffer.AsSpan(target));
            }
        }
    }
}
