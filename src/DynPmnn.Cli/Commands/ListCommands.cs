using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Neurons;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn presets</c> and <c>dynpmnn neurons</c>: what can be named on the command line.</summary>
internal static class ListCommands
{
    public static Command Presets()
    {
        var command = new Command("presets", "List the named models: architecture, training protocol and the paper's number.");
        CommandAction.Set(command, _ =>
        {
            var table = new ResultTable("preset", "model", "training", "paper RMSE");
            foreach (var p in Experiments.Presets.All)
            {
                table.AddRow(p.Name, p.Model.Summary, p.Protocol.Summary, p.PublishedTestRmse?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
            }

            Console.Write(table.ToText());
            return 0;
        });
        return command;
    }

    public static Command Neurons()
    {
        var assembly = new Option<string?>("--assembly") { Description = "Also list the neurons of this compiled assembly." };
        var command = new Command("neurons", "List the neurons that can be named: states, parameters with defaults, inputs.") { assembly };
        CommandAction.Set(command, parse =>
        {
            UserAssembly.Load(parse.GetValue(assembly));
            var table = new ResultTable("neuron", "full name", "states", "parameters", "inputs");
            foreach (var d in NeuronCatalog.All)
            {
                table.AddRow(
                    NeuronCatalog.ShortName(d.Name),
                    d.Name,
                    string.Join(", ", d.States),
                    string.Join(", ", d.Parameters.Select((p, i) => $"{p}={d.ParameterDefaults[i].ToString("G6", CultureInfo.InvariantCulture)}")),
                    d.Inputs.Count == 0 ? "-" : string.Join(", ", d.Inputs));
            }

            Console.Write(table.ToText());
            return 0;
        });
        return command;
    }
}
