using DynPmnn.Tests.Neurons;

namespace DynPmnn.Tests;

/// <summary>
/// The test assembly run as a program (the test runner never calls this): <c>lane-bits</c> prints the bits a batch of
/// identical neurons ends with, for <see cref="LaneDeterminismTests"/> to compare across instruction sets it disables
/// in child processes.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args is ["lane-bits"] ? LaneBits.Print(Console.Out) : 0;
}
