using Formats.Pipeline;

namespace Formats.Casting;

/// <summary>Where a plan's cast meets the pipeline: output headers in the target dtype, and casting sources.</summary>
internal static class ArrayCasting
{
    /// <summary>The array with its header in the target dtype, once the casting rule allows it.</summary>
    public static PlanInputs.Array Retype(PlanInputs.Array array, CastRequest cast)
    {
        Check(array.Header.DType, cast, array.Parts[0].Input.Location);
        return array with { Header = array.Header with { DType = cast.Target } };
    }

    /// <summary>Throws unless <paramref name="from"/> may be cast as <paramref name="cast"/> asks (numeric dtypes, NumPy's rule).</summary>
    /// <exception cref="ArrayFormatException">Not numeric, or the rule refuses the pair; names <paramref name="path"/>.</exception>
    public static void Check(DType from, CastRequest cast, string? path)
    {
        if (NumericTypes.Of(from) is null)
        {
            throw new UnsupportedArrayException($"cannot cast {from} to {cast.Target}: only bool, integer, float and complex arrays are cast")
            {
                SourcePath = path,
            };
        }

        if (NumericTypes.Of(cast.Target) is null)
        {
            throw new UnsupportedArrayException($"cannot cast to {cast.Target}: the target must be bool, integer, float or complex")
            {
                SourcePath = path,
            };
        }

        if (!CastRules.CanCast(from, cast.Target, cast.Casting))
        {
            throw new ArrayCastException(
                $"cannot cast {DTypeNames.Of(from)} ({from}) to {DTypeNames.Of(cast.Target)} ({cast.Target}) according to the rule '{CastRules.Name(cast.Casting)}'")
            {
                SourcePath = path,
            };
        }
    }

    /// <summary>
    /// A new array shaped and ordered as <paramref name="header"/>, in the cast's dtype, filled from <paramref name="source"/>,
    /// the data in <paramref name="header"/>'s dtype, cast chunk by chunk; the source is disposed.
    /// </summary>
    public static NDArray Fill(ChunkSource source, ArrayHeader header, CastRequest cast, string? path, CancellationToken cancellationToken)
    {
        var array = NDArray.Allocate(header with { DType = cast.Target });
        try
        {
            using var casting = new CastingChunkSource(source, header, cast.Target, cast.CheckRange, path, 0);
            for (long offset = 0; ;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = casting.NextAsync(useAsync: false, cancellationToken);
                // A synchronous read completes at once; GetResult rethrows what it failed with.
                var data = chunk.IsCompleted ? chunk.GetAwaiter().GetResult() : throw new InvalidOperationException("a synchronous read did not complete at once");
                if (data.IsEmpty)
                {
                    return offset == array.ByteLength ? array : throw new MalformedArrayException($"the data ended after {offset} of {array.ByteLength} bytes") { SourcePath = path };
                }

                data.Span.CopyTo(array.Storage.GetSpan(offset, data.Length));
                offset += data.Length;
            }
        }
        catch
        {
            array.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="source"/> itself without a cast, else a source casting it to <paramref name="target"/>.</summary>
    public static ChunkSource Wrap(ChunkSource source, PlanInputs.Part part, DType target, CastRequest? cast, long firstIndex) =>
        cast is null ? source : new CastingChunkSource(source, part.Header, target, cast.CheckRange, part.Input.Location, firstIndex);
}
