using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

public class PythonFixedFormatTests
{
    // Expected strings are Python's format(value, '.Nf').
    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(-0.001, 2, "-0.00")]
    [InlineData(-0.0, 2, "-0.00")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(123.456, 0, "123")]
    [InlineData(-1.005, 2, "-1.00")]
    [InlineData(0.1, 20, "0.10000000000000000555")]
    [InlineData(1e30, 2, "1000000000000000019884624838656.00")]
    [InlineData(3.4028234663852886e38, 1, "340282346638528859811704183484516925440.0")]
    [InlineData(5e-324, 3, "0.000")]
    public void Format_EqualsPython(double value, int decimals, string expected) =>
        Assert.Equal(expected, PythonFixedFormat.Format(value, decimals));
}
