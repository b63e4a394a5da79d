using System.Runtime.InteropServices;

namespace Formats;

/// <summary>NumPy's <c>complex64</c>: two 32-bit floats, real part first.</summary>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ComplexFloat(float Real, float Imaginary);
