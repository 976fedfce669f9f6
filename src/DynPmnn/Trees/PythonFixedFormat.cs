using System.Globalization;
using System.Numerics;
using System.Text;

namespace DynPmnn.Trees;

/// <summary>Python's <c>format(x, '.Nf')</c>: the exact binary value rounded half to even, the sign of −0 kept.</summary>
/// <remarks>
/// .NET's "F" format rounds ties away from zero and writes −0.001 as "-0.00" only on some paths; trees print
/// thresholds such as 0.125 and −0.0, so the digits are worked out from the double's exact value instead.
/// </remarks>
internal static class PythonFixedFormat
{
    public static string Format(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponentBits != 0)
        {
            mantissa |= 1L << 52;
        }

        // value = ±mantissa × 2^exponent exactly.
        var exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075;
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        BigInteger digits;
        if (exponent >= 0)
        {
            digits = scaled << exponent;
        }
        else
        {
            var divisor = BigInteger.One << -exponent;
            digits = BigInteger.DivRem(scaled, divisor, out var remainder);
            var twice = remainder * 2;
            if (twice > divisor || (twice == divisor && !digits.IsEven))
            {
                digits += 1;
            }
        }

        var text = digits.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var result = new StringBuilder();
        if (double.IsNegative(value))
        {
            result.Append('-');
        }

        result.Append(text, 0, text.Length - decimals);
        if (decimals > 0)
        {
            result.Append('.').Append(text, text.Length - decimals, decimals);
        }

        return result.ToString();
    }
}
