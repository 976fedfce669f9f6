using System.Globalization;
using DynPmnn.Cli.Terminal;
using DynPmnn.Experiments;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn presets</c> and <c>dynpmnn neurons</c>: what can be named on the command line.</summary>
internal static class ListCommands
{
    public static int Presets(Arguments args)
    {
        args.EnsureAllUsed(positional: 0);
        Console.WriteLine(TextTable.Format(
            ["preset", "model", "training", "paper RMSE"],
            [.. Experiments.Presets.All.Select(p => (IReadOnlyList<string>)[p.Name, p.Model.Summary, p.Protocol.Summary, p.PublishedTestRmse?.ToString("F4", CultureInfo.InvariantCulture) ?? "-"])]));
        return 0;
    }

    public static int Neurons(Arguments args)
    {
        args.EnsureAllUsed(positional: 0);
        Console.WriteLine(TextTable.Format(
            ["neuron", "states", "parameters", "inputs"],
            [.. NeuronCatalog.All.Select(d => (IReadOnlyList<string>)
            [
                NeuronCatalog.ShortName(d.Name),
                string.Join(", ", d.States),
                string.Join(", ", d.Parameters.Select((p, i) => $"{p}={d.ParameterDefaults[i].ToString("G6", CultureInfo.InvariantCulture)}")),
                d.Inputs.Count == 0 ? "-" : string.Join(", ", d.Inputs),
            ])]));
        return 0;
    }
}
