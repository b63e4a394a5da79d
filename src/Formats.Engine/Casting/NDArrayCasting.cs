using Formats.Casting;
using Formats.Pipeline;

namespace Formats;

/// <summary>Converts an array in memory to another numeric dtype, as NumPy's <c>astype</c> does.</summary>
public static class NDArrayCasting
{
    /// <summary>
    /// A new array with <paramref name="array"/>'s shape and order in <paramref name="dtype"/>: <c>a.astype(dtype,
    /// casting=...)</c>, with the values NumPy gives (floats truncate toward zero, integers wrap around; see
    /// <see cref="CastRequest"/> for what C leaves undefined). Dispose it when done; <paramref name="array"/> is unchanged.
    /// </summary>
    /// <param name="array">A bool, integer, float or complex array.</param>
    /// <param name="dtype">A bool, integer, float or complex dtype, in either byte order.</param>
    /// <param name="casting">NumPy's rule on the two dtypes alone (<c>np.can_cast</c>); <see cref="CastingRule.Unsafe"/> as <c>astype</c>'s default.</param>
    /// <param name="checkRange">Refuse any element whose value would change (NaN stays NaN), as <see cref="CastRequest.CheckRange"/>.</param>
    /// <exception cref="ArrayFormatException">A dtype is not numeric, the rule refuses the pair (<see cref="ArrayCastException"/>), or a checked element would change.</exception>
    public static NDArray AsType(this NDArray array, DType dtype, CastingRule casting = CastingRule.Unsafe, bool checkRange = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(dtype);
        var cast = new CastRequest(dtype) { Casting = casting, CheckRange = checkRange };
        ArrayCasting.Check(array.DType, cast, null);
        return ArrayCasting.Fill(ChunkSource.Of(array), array.Header, cast, null, CancellationToken.None);
    }

    /// <summary>
    /// The elements as <typeparamref name="T"/>[] in the array's element order, converted as <c>a.astype(T)</c> does when
    /// the dtype differs (<c>ToArray&lt;double&gt;(CastingRule.Unsafe)</c> of a float32 array widens it); a plain copy when
    /// it is the same.
    /// </summary>
    /// <typeparam name="T">bool, sbyte, byte, short, ushort, int, uint, long, ulong, Half, float, double or <see cref="System.Numerics.Complex"/>.</typeparam>
    /// <exception cref="ArrayFormatException">The rule refuses the conversion, or a dtype is not numeric.</exception>
    public static T[] ToArray<T>(this NDArray array, CastingRule casting)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var target = NDArray.DTypeOf<T>();
        if (array.DType == target)
        {
            return array.ToArray<T>();
        }

        using var cast = array.AsType(target, casting);
        return cast.ToArray<T>();
    }
}
