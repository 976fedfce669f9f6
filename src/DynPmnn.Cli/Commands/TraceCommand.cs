using System.CommandLine;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Data;
using DynPmnn.Experiments.Reporting;
using DynPmnn.Layers;
using DynPmnn.Models;

namespace DynPmnn.Cli.Commands;

/// <summary>
/// <c>dynpmnn trace MODEL</c>: what a trained network's ODE neurons do on chosen rows: each state against time (the
/// layer's steps over an RK4 reference), phase portraits with nullclines and fixed points, where every row starts and
/// ends, and the numbers as JSON.
/// </summary>
internal static class TraceCommand
{
    /// <summary>Units drawn when --units is not given.</summary>
    private const int DefaultUnits = 4;

    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "A model file written by `dynpmnn train --save`." };
        var assembly = new Option<string?>("--assembly") { Description = "The compiled assembly that declares the model's own neurons, if it uses any." };
        var dataset = new Option<string?>("--dataset") { Description = "Trace rows of this built-in data set, in its file's order (default: the data set the model was trained on, when built in)." };
        var data = new Option<string?>("--data") { Description = "Trace rows of this file instead (CSV/TSV with the model's feature columns); with --dataset, that data set's own file." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "A folder holding built-in data files." };
        var rows = ListOption.Indices("--rows", "The rows to trace, counted from 0 in the data's order (default 0,1,2).");
        var layer = new Option<int?>("--layer") { Description = "The ODE layer, by its index in the network (default: the first ODE layer)." };
        var units = ListOption.Indices("--units", $"The layer's units to analyse and draw, from 0 (default: the first {DefaultUnits}).");
        var plane = ListOption.Strings("--plane", "The two states of the phase portraits, such as V,W (default: the neuron's first two).");
        var output = new Option<string>("--out") { Description = "The folder for the figures (PNG) and trace.json.", Required = true };
        var quiet = GlobalOptions.Quiet();
        var command = new Command("trace", "Show what a trained network's ODE neurons do: trajectories at every step against an RK4 reference, phase portraits with nullclines and fixed points, where all rows start and end, and trace.json with the numbers.")
        {
            modelPath, assembly, dataset, data, dataDirectory, rows, layer, units, plane, output, quiet,
        };
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            UserAssembly.Load(parse.GetValue(assembly));
            var path = parse.GetValue(modelPath)!;
            var model = TrainedModel.Load(path);
            var odeLayers = DynamicsTrace.OdeLayers(model.Network);
            if (odeLayers.Count == 0)
            {
                throw new InvalidDataException($"{path} is a {model.Spec.Kind} model ({model.Spec.Summary}) without an ODE layer of neurons: there are no neuron dynamics to trace.");
            }

            var layerIndex = parse.GetValue(layer) ?? odeLayers[0];
            var layers = model.Network.Layers;
            if (layerIndex < 0 || layerIndex >= layers.Count)
            {
                throw new UsageException($"--layer {layerIndex}: the model has {layers.Count} layers (0 to {layers.Count - 1}); its ODE layers are {string.Join(", ", odeLayers)}.");
            }

            if (layers[layerIndex] is not IOdeLayer ode)
            {
                throw new UsageException($"--layer {layerIndex} is {layers[layerIndex].Description}, not an ODE layer; the model's ODE layers are {string.Join(", ", odeLayers)}.");
            }

            var unitList = parse.Integers(units) ?? [.. Enumerable.Range(0, Math.Min(DefaultUnits, ode.Units))];
            if (unitList.FirstOrDefault(u => u >= ode.Units, -1) is var badUnit && badUnit >= 0)
            {
                throw new UsageException($"--units {badUnit}: layer {layerIndex} ({ode.Description}) has {ode.Units} unit{(ode.Units == 1 ? string.Empty : "s")} (0 to {ode.Units - 1}).");
            }

            var states = ode.Dynamics.Descriptor.States;
            var (xState, yState) = (0, Math.Min(1, states.Count - 1));
            if (parse.List(plane) is { } planeNames)
            {
                if (planeNames.Length != 2 || planeNames[0] == planeNames[1])
                {
                    throw new UsageException($"--plane names two different states, such as {string.Join(",", states.Take(2))}; got '{parse.GetValue(plane)}'.");
                }

                int Index(string name) => states.ToList().IndexOf(name) is var i and >= 0
                    ? i
                    : throw new UsageException($"--plane: {ode.Dynamics.Descriptor.Name} has no state '{name}' (its states: {string.Join(", ", states)}).");
                (xState, yState) = (Index(planeNames[0]), Index(planeNames[1]));
            }

            var outputDirectory = parse.GetValue(output)!;
            OutputPaths.CheckWritableDirectory(outputDirectory, "--out");
            var isQuiet = parse.GetValue(quiet);
            var (features, rowCount, what) = await LoadFeatures(parse, model, dataset, data, dataDirectory, isQuiet, cancellationToken);
            if (rowCount == 0)
            {
                throw new InvalidDataException($"{what} has no rows to trace.");
            }

            var traced = parse.Integers(rows) ?? [.. Enumerable.Range(0, Math.Min(3, rowCount))];
            if (traced.FirstOrDefault(r => r >= rowCount, -1) is var badRow && badRow >= 0)
            {
                throw new UsageException($"--rows {badRow}: {what} has {rowCount:N0} rows (0 to {rowCount - 1}).");
            }

            var trace = DynamicsTrace.Run(model, features, rowCount, layerIndex, traced, unitList, xState, yState);
            Console.WriteLine($"layer {layerIndex}: {ode.Description}, rows {string.Join(", ", traced)} of {what}");
            foreach (var line in trace.Summary())
            {
                Console.WriteLine(line);
            }

            var files = trace.Save(outputDirectory, Path.GetFileNameWithoutExtension(path));
            if (!isQuiet)
            {
                Console.Error.WriteLine($"{files.Count} files written to {Path.GetFullPath(outputDirectory)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The raw feature rows to trace: a built-in data set's, or a file's read with the model's schema.</summary>
    private static async Task<(float[] Features, int Rows, string What)> LoadFeatures(ParseResult parse, TrainedModel model, Option<string?> dataset, Option<string?> data, Option<string?> dataDirectory, bool quiet, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(dataset) ?? (parse.GetValue(data) is null && BuiltInDatasets.TryFind(model.Provenance.Dataset, out var trainedOn) ? trainedOn.Name : null);
        if (name is not null)
        {
            var builtIn = BuiltInDatasets.Find(name);
            var locator = new DataLocator { DataDirectory = parse.GetValue(dataDirectory) };
            var raw = await locator.LoadAsync(builtIn, parse.GetValue(data), new Terminal.DownloadPrinter(builtIn.Title, quiet), cancellationToken);
            if (!raw.FeatureNames.SequenceEqual(model.Schema.EncodedFeatureNames))
            {
                throw new UsageException($"'{builtIn.Name}' has the features {string.Join(", ", raw.FeatureNames)}; the model was trained on {string.Join(", ", model.Schema.EncodedFeatureNames)}.");
            }

            return (raw.Features, raw.Rows, builtIn.Name);
        }

        if (parse.GetValue(data) is { } file)
        {
            if (Directory.Exists(file))
            {
                throw new UsageException($"--data names {file}, which is a directory; give a CSV or TSV file.");
            }

            var encoded = model.Schema.ReadFile(file);
            return (encoded.Features, encoded.Rows, file);
        }

        throw new UsageException($"The model was trained on '{model.Provenance.Dataset}', which is not a built-in data set: name the rows with --data FILE or --dataset NAME.");
    }
}
