using System.Globalization;
using DynPmnn.Cli.Terminal;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Experiments;
using DynPmnn.Neurons;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn presets</c> and <c>dynpmnn neurons</c>: what can be named on the command line.</summary>
internal static class ListCommands
{
    public static int Presets(Arguments args)
    {
        args.EnsureAllUsed(positional: 0);
        var table = new ResultTable("preset", "model", "training", "paper RMSE");
        foreach (var p in Experiments.Presets.All)
        {
            table.AddRow(p.Name, p.Model.Summary, p.Protocol.Summary, p.PublishedTestRmse?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
        }

        Console.Write(table.ToText());
        return 0;
    }

    public static int Neurons(Arguments args)
    {
        args.EnsureAllUsed(positional: 0);
        var table = new ResultTable("neuron", "states", "parameters", "inputs");
        foreach (var d in NeuronCatalog.All)
        {
            table.AddRow(
                NeuronCatalog.ShortName(d.Name),
                string.Join(", ", d.States),
                string.Join(", ", d.Parameters.Select((p, i) => $"{p}={d.ParameterDefaults[i].ToString("G6", CultureInfo.InvariantCulture)}")),
                d.Inputs.Count == 0 ? "-" : string.Join(", ", d.Inputs));
        }

        Console.Write(table.ToText());
        return 0;
    }
}
