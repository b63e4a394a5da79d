using Formats.Pipeline;

namespace Formats.Casting;

/// <summary>Where a plan's cast meets the pipeline: output headers in the target dtype, and casting sources.</summary>
internal static class ArrayCasting
{
    /// <summary>The array with its header in the target dtype, once the casting rule allows it.</summary>
    public static PlanInputs.Array Retype(PlanInputs.Array array, CastRequest cast)
    {
        var from = array.Header.DType;
        var path = array.Parts[0].Input.Path;
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

        return array with { Header = array.Header with { DType = cast.Target } };
    }

    /// <summary><paramref name="source"/> itself without a cast, else a source casting it to <paramref name="target"/>.</summary>
    public static ChunkSource Wrap(ChunkSource source, PlanInputs.Part part, DType target, CastRequest? cast, long firstIndex) =>
        cast is null ? source : new CastingChunkSource(source, part.Header, target, cast.CheckRange, part.Input.Path, firstIndex);
}
