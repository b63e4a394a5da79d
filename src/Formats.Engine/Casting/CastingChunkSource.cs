using System.Buffers;
using Formats.Pipeline;

namespace Formats.Casting;

/// <summary>
/// Casts the chunks of another source element by element, in bounded pieces (an element split between two input
/// chunks is carried over), so arrays larger than memory stream through. With a range check, the first element
/// whose value changes stops the copy with an <see cref="ArrayCastException"/>.
/// </summary>
internal sealed class CastingChunkSource : ChunkSource
{
    private const int ElementsPerPiece = 1 << 18;

    private readonly ChunkSource inner;
    private readonly ElementCast cast;
    private readonly bool checkRange;
    private readonly string? path;
    private readonly ArrayHeader part;
    private readonly long firstIndex;
    private readonly int fromSize;
    private readonly int toSize;
    private readonly byte[] carry;
    private readonly byte[] output;
    private readonly byte[] scratch;
    private ReadOnlyMemory<byte> pending;
    private int carried;
    private long done;

    /// <param name="inner">The part's data in its own dtype; disposed with this source.</param>
    /// <param name="part">The part's header (dtype, shape, order), for the index of a refused element.</param>
    /// <param name="target">The dtype to produce.</param>
    /// <param name="checkRange">Refuse any element whose value would change.</param>
    /// <param name="path">The input file, named by a refusal; null for an array in memory.</param>
    /// <param name="firstIndex">The flat index of the part's first element in the output array (parts join along axis 0).</param>
    public CastingChunkSource(ChunkSource inner, ArrayHeader part, DType target, bool checkRange, string? path, long firstIndex)
    {
        this.inner = inner;
        this.part = part;
        this.checkRange = checkRange;
        this.path = path;
        this.firstIndex = firstIndex;
        cast = new ElementCast(part.DType, target);
        fromSize = part.DType.ItemSize;
        toSize = target.ItemSize;
        carry = new byte[fromSize];
        var pieceElements = (int)Math.Clamp(part.ElementCount, 1, ElementsPerPiece);
        output = ArrayPool<byte>.Shared.Rent(pieceElements * toSize);
        scratch = ArrayPool<byte>.Shared.Rent(pieceElements * fromSize);
    }

    public override async ValueTask<ReadOnlyMemory<byte>> NextAsync(bool useAsync, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (pending.IsEmpty)
            {
                pending = await inner.NextAsync(useAsync, cancellationToken);
                if (pending.IsEmpty)
                {
                    if (carried > 0)
                    {
                        throw new MalformedArrayException($"the data ends inside an element ({carried} of {fromSize} bytes)") { SourcePath = path };
                    }

                    return ReadOnlyMemory<byte>.Empty;
                }
            }

            var written = 0;
            if (carried > 0)
            {
                var take = Math.Min(fromSize - carried, pending.Length);
                pending.Span[..take].CopyTo(carry.AsSpan(carried));
                pending = pending[take..];
                carried += take;
                if (carried < fromSize)
                {
                    continue;
                }

                Convert(carry, output.AsSpan(0, toSize));
                carried = 0;
                written = 1;
            }

            var count = (int)Math.Min(pending.Length / fromSize, ElementsPerPiece - written);
            if (count > 0)
            {
                Convert(pending.Span[..(count * fromSize)], output.AsSpan(written * toSize, count * toSize));
                pending = pending[(count * fromSize)..];
                written += count;
            }

            if (pending.Length is > 0 and var rest && rest < fromSize)
            {
                pending.Span.CopyTo(carry);
                carried = rest;
                pending = ReadOnlyMemory<byte>.Empty;
            }

            if (written > 0)
            {
                return output.AsMemory(0, written * toSize);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        inner.Dispose();
        ArrayPool<byte>.Shared.Return(output);
        ArrayPool<byte>.Shared.Return(scratch);
        base.Dispose(disposing);
    }

    private void Convert(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        cast.ConvertToNative(source, destination, scratch, out var native);
        var count = source.Length / fromSize;
        if (checkRange)
        {
            for (var i = 0; i < count; i++)
            {
                var before = ElementValue.Read(cast.From, native, i);
                if (!before.SameAs(ElementValue.Read(cast.To, destination, i)))
                {
                    var index = FlatIndex(done + i);
                    throw new ArrayCastException(
                        $"element {index} ({before}) is not exactly {DTypeNames.Of(cast.To.ToDType())} (the cast would make it {ElementValue.Read(cast.To, destination, i)})",
                        index, before.ToString())
                    { SourcePath = path };
                }
            }
        }

        cast.FinishTarget(destination);
        done += count;
    }

    // Elements stream in storage order; a Fortran-ordered part's position becomes the C-order flat index NumPy's users know.
    private long FlatIndex(long position)
    {
        if (!part.FortranOrder || part.Shape.Rank < 2)
        {
            return firstIndex + position;
        }

        var dims = part.Shape.Dimensions;
        long flat = 0;
        var rest = position;
        for (var axis = 0; axis < dims.Length; axis++)
        {
            var i = rest % dims[axis];
            rest /= dims[axis];
            var cStride = 1L;
            for (var later = axis + 1; later < dims.Length; later++)
            {
                cStride *= dims[later];
            }

            flat += i * cStride;
        }

        return firstIndex + flat;
    }
}
