using System.Numerics;
using System.Runtime.InteropServices;
using Formats.Casting;

namespace Formats.Comparing;

/// <summary>
/// Whether two elements differ, in the arithmetic NumPy itself would use for the two dtypes. Exactly
/// (<c>np.equal</c> after <c>np.result_type(a, b)</c>): integers as integers, except a signed integer against a
/// <c>uint64</c>, which NumPy promotes to float64; anything against a float or complex as doubles (every value of
/// the narrower float types is a double, and an integer NumPy promotes to float16 or float32 is exact in both).
/// With tolerances (<c>np.isclose</c>): in the type NumPy computes in, <c>result_type(a, result_type(b, 1.0))</c>
/// (float16, float32, float64, or complex), the tolerances rounded to it, so float32 arrays are compared in float32
/// as NumPy compares them.
/// </summary>
internal static class ElementComparison
{
    /// <summary>
    /// A finder of the next differing element of two native-order spans (of types <paramref name="a"/> and
    /// <paramref name="b"/>) at or after a start index, or -1: a typed loop where both sides have the same float or
    /// integer type (the common case, with the same results), else element by element through <see cref="ElementValue"/>.
    /// </summary>
    public static DifferenceFinder Finder(NumericType a, NumericType b, DiffRequest request)
    {
        var rtol = request.RelativeTolerance ?? DiffRequest.DefaultRelativeTolerance;
        var atol = request.AbsoluteTolerance ?? DiffRequest.DefaultAbsoluteTolerance;
        var equalNaN = request.EqualNaN;
        var exact = !request.IsApproximate;
        if (a == b)
        {
            switch (a)
            {
                case NumericType.Float32:
                    return (x, y, start) => NextFloat(MemoryMarshal.Cast<byte, float>(x), MemoryMarshal.Cast<byte, float>(y), start, exact, (float)atol, (float)rtol, equalNaN);
                case NumericType.Float64:
                    return (x, y, start) => NextFloat(MemoryMarshal.Cast<byte, double>(x), MemoryMarshal.Cast<byte, double>(y), start, exact, atol, rtol, equalNaN);
                case NumericType.Int32 or NumericType.UInt32 or NumericType.Int64 or NumericType.UInt64 or NumericType.Int16 or NumericType.UInt16
                    or NumericType.Int8 or NumericType.UInt8 when exact:
                    // Same integer type, exact: equal values are equal bytes (not bools: any nonzero byte is True).
                    var size = a.Size();
                    return (x, y, start) =>
                    {
                        var i = x[(start * size)..].CommonPrefixLength(y[(start * size)..]);
                        return start * size + i >= x.Length ? -1 : start + (i / size);
                    };
            }
        }

        var differs = Create(a, b, request);
        return (x, y, start) =>
        {
            var n = x.Length / a.Size();
            for (var i = start; i < n; i++)
            {
                if (differs(ElementValue.Read(a, x, i), ElementValue.Read(b, y, i)))
                {
                    return i;
                }
            }

            return -1;
        };
    }

    private static int NextFloat<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int start, bool exact, T atol, T rtol, bool equalNaN)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = start; i < x.Length; i++)
        {
            var same = exact ? x[i] == y[i] || (equalNaN && T.IsNaN(x[i]) && T.IsNaN(y[i])) : Close(x[i], y[i], atol, rtol, equalNaN);
            if (!same)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A predicate telling whether two elements (of types <paramref name="a"/> and <paramref name="b"/>) differ.</summary>
    public static Func<ElementValue, ElementValue, bool> Create(NumericType a, NumericType b, DiffRequest request)
    {
        var equalNaN = request.EqualNaN;
        if (!request.IsApproximate)
        {
            var integers = !IsInexact(a) && !IsInexact(b) && !MixesSignWithUInt64(a, b);
            return integers ? (x, y) => x.Integer != y.Integer : (x, y) => !Equal(x, y, equalNaN);
        }

        var rtol = request.RelativeTolerance ?? DiffRequest.DefaultRelativeTolerance;
        var atol = request.AbsoluteTolerance ?? DiffRequest.DefaultAbsoluteTolerance;
        return CloseType(a, b) switch
        {
            NumericType.Float16 => (x, y) => !Close((Half)Real(x), (Half)Real(y), (Half)atol, (Half)rtol, equalNaN),
            NumericType.Float32 => (x, y) => !Close((float)Real(x), (float)Real(y), (float)atol, (float)rtol, equalNaN),
            NumericType.Float64 => (x, y) => !Close(Real(x), Real(y), atol, rtol, equalNaN),
            NumericType.Complex64 => (x, y) => !CloseComplex((float)Real(x), (float)x.Imaginary, (float)Real(y), (float)y.Imaginary, (float)atol, (float)rtol, equalNaN, a.IsComplex(), b.IsComplex()),
            _ => (x, y) => !CloseComplex(Real(x), x.Imaginary, Real(y), y.Imaginary, atol, rtol, equalNaN, a.IsComplex(), b.IsComplex()),
        };
    }

    /// <summary>NumPy's computing type for <c>np.isclose(a, b)</c>: <c>result_type(a, result_type(b, 1.0))</c>.</summary>
    public static NumericType CloseType(NumericType a, NumericType b)
    {
        var y = IsInexact(b) ? b : NumericType.Float64;
        int Rank(NumericType t) => t switch
        {
            NumericType.Bool or NumericType.Int8 or NumericType.UInt8 => 0,
            NumericType.Int16 or NumericType.UInt16 => 1,
            _ => 2,
        };
        if (a.IsComplex() || y.IsComplex())
        {
            // Complex64 only when the other side fits float32 (what the 1.24 promotion table gives).
            var aSingle = a.IsComplex() ? a == NumericType.Complex64 : a is NumericType.Float16 or NumericType.Float32 || (!IsInexact(a) && Rank(a) < 2);
            var ySingle = y.IsComplex() ? y == NumericType.Complex64 : y is NumericType.Float16 or NumericType.Float32;
            return aSingle && ySingle ? NumericType.Complex64 : NumericType.Complex128;
        }

        var width = Math.Max(FloatWidth(a, Rank), FloatWidth(y, Rank));
        return width switch { 2 => NumericType.Float16, 4 => NumericType.Float32, _ => NumericType.Float64 };
    }

    // The narrowest float holding every value of t: bool and 8-bit integers fit float16, 16-bit ones float32.
    private static int FloatWidth(NumericType t, Func<NumericType, int> rank) => t switch
    {
        NumericType.Float16 => 2,
        NumericType.Float32 => 4,
        NumericType.Float64 => 8,
        _ => rank(t) switch { 0 => 2, 1 => 4, _ => 8 },
    };

    private static bool IsInexact(NumericType t) => t.IsFloat() || t.IsComplex();

    private static bool MixesSignWithUInt64(NumericType a, NumericType b) =>
        (a.IsSigned() && b == NumericType.UInt64) || (b.IsSigned() && a == NumericType.UInt64);

    // An integer as NumPy converts it to float64 (rounded to nearest); a float's value is already a double.
    private static double Real(ElementValue v) => v.IsInteger ? (double)v.Integer : v.Real;

    // np.array_equal: with equal_nan, NaN (a NaN in either part of a complex) equals NaN.
    private static bool Equal(ElementValue x, ElementValue y, bool equalNaN)
    {
        if (equalNaN)
        {
            bool xNaN = double.IsNaN(x.Real) || double.IsNaN(x.Imaginary), yNaN = double.IsNaN(y.Real) || double.IsNaN(y.Imaginary);
            if (xNaN || yNaN)
            {
                return xNaN && yNaN;
            }
        }

        return Real(x) == Real(y) && x.Imaginary == y.Imaginary;
    }

    // np.isclose's within_tol for finite pairs; otherwise only equal values (the same infinity) are close.
    private static bool Close<T>(T x, T y, T atol, T rtol, bool equalNaN)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsFinite(x) && T.IsFinite(y))
        {
            return T.Abs(x - y) <= atol + (rtol * T.Abs(y));
        }

        return x == y || (equalNaN && T.IsNaN(x) && T.IsNaN(y));
    }

    // NumPy 1.24's isclose multiplies an array holding a non-finite value by ones first: for a complex array that is a
    // complex product, which turns an infinite part into inf and the other into nan, so a complex infinity is never
    // close to anything, and with equal_nan it is "close" to any NaN. Mirrored, since NumPy is the reference.
    private static bool CloseComplex<T>(T xr, T xi, T yr, T yi, T atol, T rtol, bool equalNaN, bool xComplex, bool yComplex)
        where T : IFloatingPointIeee754<T>, IRootFunctions<T>
    {
        if (T.IsFinite(xr) && T.IsFinite(xi) && T.IsFinite(yr) && T.IsFinite(yi))
        {
            return T.Hypot(xr - yr, xi - yi) <= atol + (rtol * T.Hypot(yr, yi));
        }

        if (xComplex)
        {
            (xr, xi) = ((xr * T.One) - (xi * T.Zero), (xr * T.Zero) + (xi * T.One));
        }

        if (yComplex)
        {
            (yr, yi) = ((yr * T.One) - (yi * T.Zero), (yr * T.Zero) + (yi * T.One));
        }

        return (xr == yr && xi == yi) || (equalNaN && (T.IsNaN(xr) || T.IsNaN(xi)) && (T.IsNaN(yr) || T.IsNaN(yi)));
    }
}

/// <summary>The index of the next differing element of two spans at or after <paramref name="start"/>, or -1.</summary>
internal delegate int DifferenceFinder(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int start);
