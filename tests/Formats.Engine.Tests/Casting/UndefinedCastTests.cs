using Formats.Casting;
using Formats.Numpy;

namespace Formats.Engine.Tests.Casting;

/// <summary>
/// Float to integer where C leaves NumPy's result to the platform (NaN, ±inf, out of range): the documented choice,
/// x86-64's conversions (see <see cref="FloatToInteger"/>), checked here rather than against NumPy.
/// </summary>
public sealed class UndefinedCastTests
{
    [Theory]
    [InlineData(double.NaN, "i1", "0")]
    [InlineData(double.NaN, "i4", "-2147483648")]
    [InlineData(double.NaN, "i8", "-9223372036854775808")]
    [InlineData(double.NaN, "u4", "0")]
    [InlineData(double.NaN, "u8", "9223372036854775808")]
    [InlineData(double.PositiveInfinity, "i2", "0")]
    [InlineData(double.PositiveInfinity, "u8", "0")]
    [InlineData(double.NegativeInfinity, "u8", "9223372036854775808")]
    [InlineData(double.NegativeInfinity, "i8", "-9223372036854775808")]
    [InlineData(300.7, "u1", "44")]
    [InlineData(-300.7, "i1", "-44")]
    [InlineData(70000.5, "i2", "4464")]
    [InlineData(-1.5, "u8", "18446744073709551615")]
    [InlineData(-1.5, "u2", "65535")]
    [InlineData(3e9, "i4", "-2147483648")]
    [InlineData(3e9, "i1", "0")]
    [InlineData(5e9, "u4", "705032704")]
    [InlineData(1e19, "i8", "-9223372036854775808")]
    [InlineData(18446744073709551616.0, "u8", "0")]
    [InlineData(-1e19, "u8", "9223372036854775808")]
    public void FloatToIntegerOutsideTheRangeIsX86SConversion(double value, string target, string expected)
    {
        foreach (var source in new[] { "<f8", ">f8", "<c16" })
        {
            var from = DTypeDescr.Parse(source);
            var bytes = new byte[from.ItemSize];
            BitConverter.TryWriteBytes(bytes, value);
            if (source == ">f8")
            {
                Array.Reverse(bytes);
            }

            var to = DTypeDescr.Parse(target);
            var result = new byte[to.ItemSize];
            new ElementCast(from, to).Convert(bytes, result, new byte[bytes.Length]);

            Assert.Equal(expected, ElementValue.Read(NumericTypes.Of(to)!.Value, result, 0).ToString());
        }
    }
}
