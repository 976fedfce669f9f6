using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Neurons;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn inspect NEURON</c>: what the generator derived for a neuron.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var neuron = new Argument<string>("NEURON") { Description = "A neuron's name (see `dynpmnn neurons`), short or full." };
        var assembly = new Option<string?>("--assembly") { Description = "A compiled assembly with your own [Neuron] types; NEURON may then name one of them." };
        var source = new Option<bool>("--source") { Description = "Print the C# the generator wrote for the neuron instead." };
        var dt = new Option<double?>("--dt") { Description = "Also analyse whether this step is inside the integrator's stability region at the neuron's resting state (default parameters, no input), and what step would be safe." }.Positive();
        var integrator = new Option<Integrator?>("--integrator") { Description = "The scheme for --dt: Euler (default), Heun or RungeKutta4." }.NamesOnly();
        var command = new Command("inspect", "Print a neuron's states, parameters with defaults, inputs, equations and every symbolic partial derivative.")
        {
            neuron, assembly, source, dt, integrator,
        };
        CommandAction.Set(command, parse =>
        {
            UserAssembly.Load(parse.GetValue(assembly));
            var d = NeuronCatalog.Describe(parse.GetValue(neuron)!);
            if (parse.GetValue(source))
            {
                Console.Write(d.GeneratedSource ?? $"// {d.Name} was compiled without its generated source text.{Environment.NewLine}");
                return 0;
            }

            Console.WriteLine($"neuron      {d.Name}");
            Console.WriteLine($"states      {string.Join(", ", d.States)}");
            Console.WriteLine($"parameters  {string.Join(", ", d.Parameters.Select((p, i) => $"{p} = {d.ParameterDefaults[i].ToString("G9", CultureInfo.InvariantCulture)}"))}");
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
            if (parse.GetValue(dt) is { } step)
            {
                Console.WriteLine();
                Console.WriteLine(NeuronCatalog.StabilityAtRest(d.Name, parse.GetValue(integrator) ?? Integrator.Euler, step));
            }

            return 0;
        });
        return command;
    }
}
