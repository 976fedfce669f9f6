using DynPmnn.Cli.Terminal;
using DynPmnn.Neurons;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn inspect NEURON</c>: what the generator derived for a neuron.</summary>
internal static class InspectCommand
{
    public const string Usage = """
        usage: dynpmnn inspect NEURON [--assembly PATH] [--source] [--dt X [--integrator Euler|Heun|RungeKutta4]]

        Prints a neuron's states, parameters with defaults, inputs, equations and every symbolic partial derivative.

          --assembly PATH a compiled assembly with your own [Neuron] types (NEURON may then name one of them)
          --source        print the C# the generator wrote for the neuron instead
          --dt X          also analyse whether step X is inside the integrator's stability region at the neuron's
                          resting state (default parameters, no input), and what step would be safe
          --integrator S  the scheme for --dt (default Euler)
        """;

    public static int Run(Arguments args)
    {
        var source = args.Flag("source");
        UserAssembly.Load(args.String("assembly"));
        var dt = args.Double("dt", 0);
        var integrator = args.Enum<DynPmnn.Neurons.Integrator>("integrator");
        args.EnsureAllUsed(positional: 1);
        if (args.Positional.Count == 0)
        {
            throw new UsageException("inspect needs a neuron name (see `dynpmnn neurons`)");
        }

        var d = NeuronCatalog.Describe(args.Positional[0]);
        if (source)
        {
            Console.Write(d.GeneratedSource ?? $"// {d.Name} was compiled without its generated source text.{Environment.NewLine}");
            return 0;
        }

        Console.WriteLine($"neuron      {d.Name}");
        Console.WriteLine($"states      {string.Join(", ", d.States)}");
        Console.WriteLine($"parameters  {string.Join(", ", d.Parameters.Select((p, i) => $"{p} = {d.ParameterDefaults[i].ToString("G9", System.Globalization.CultureInfo.InvariantCulture)}"))}");
        Console.WriteLine($"inputs      {(d.Inputs.Count == 0 ? "none" : string.Join(", ", d.Inputs))}");
        Console.WriteLine();
        Console.WriteLine("equations");
        foreach (var equation in d.Equations)
        {
            Console.WriteLine("  " + equation);
        }

        Console.WriteLine();
        Console.WriteLine("partial derivatives (all others are 0)");
        foreach (var p in d.PartialDerivatives)
        {
            Console.WriteLine($"  d(d{p.State}/dt)/d{p.Variable} = {p.Expression}");
        }

        Console.WriteLine();
        Console.WriteLine($"generated source: {d.GeneratedSourceName} (print it with --source)");
        if (dt is { } step)
        {
            Console.WriteLine();
            Console.WriteLine(NeuronCatalog.StabilityAtRest(d.Name, integrator ?? DynPmnn.Neurons.Integrator.Euler, step));
        }

        return 0;
    }
}
