using System.CommandLine;
using System.Globalization;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Data;
using DynPmnn.IO;
using DynPmnn.Models;
using DynPmnn.Onnx;
using nietras.SeparatedValues;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn predict MODEL INPUT.csv</c>: predictions for raw rows, written beside the input's own columns.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "A model file written by `dynpmnn train --save`, or an .onnx file written by `dynpmnn export` (run by ONNX Runtime)." };
        var input = new Argument<string>("INPUT") { Description = "A CSV/TSV file with a header holding the model's feature columns (by name, any order; other columns are kept and passed through)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the result (default: standard output)." };
        var assembly = new Option<string?>("--assembly") { Description = "The compiled assembly that declares the model's own neurons, if it uses any." };
        var command = new Command("predict", "Predict raw rows with a saved model: the input's columns, then the prediction (regression: one column per target; classification: the class and each class's probability).")
        {
            modelPath, input, output, assembly,
        };
        CommandAction.Set(command, parse =>
        {
            var path = parse.GetValue(modelPath)!;
            var inputPath = parse.GetValue(input)!;
            if (Directory.Exists(inputPath))
            {
                throw new UsageException($"INPUT names {inputPath}, which is a directory; give a CSV or TSV file.");
            }

            var outputPath = parse.GetValue(output);
            if (outputPath is not null)
            {
                OutputPaths.CheckWritableFile(outputPath, "--output");
                if (Path.GetFullPath(outputPath) == Path.GetFullPath(inputPath))
                {
                    throw new UsageException("--output names the input file; write the predictions elsewhere.");
                }
            }

            var (task, rows, prediction) = Predict(path, inputPath, parse.GetValue(assembly));
            var names = ColumnNames(task);
            if (outputPath is null)
            {
                Write(Console.Out, inputPath, rows.Delimiter, names, task, prediction);
            }
            else
            {
                using var file = AtomicFile.Create(outputPath);
                using (var writer = new StreamWriter(file.Stream, leaveOpen: true))
                {
                    Write(writer, inputPath, rows.Delimiter, names, task, prediction);
                }

                file.Commit();
                Console.Error.WriteLine($"{prediction.Rows:N0} predictions written to {Path.GetFullPath(outputPath)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Reads the input's rows as the model's schema encodes them and predicts them: a DynPmnn model file with DynPmnn,
    /// an <c>.onnx</c> file with ONNX Runtime (its schema is in its metadata).
    /// </summary>
    private static (DatasetTask Task, EncodedRows Rows, Prediction Prediction) Predict(string modelPath, string inputPath, string? assembly)
    {
        if (modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            using var onnx = OnnxModel.Load(modelPath);
            var encoded = onnx.Schema.ReadFile(inputPath);
            return (onnx.Task, encoded, onnx.Predict(encoded.Features, encoded.Rows));
        }

        UserAssembly.Load(assembly);
        var model = TrainedModel.Load(modelPath);
        var rows = model.Schema.ReadFile(inputPath);
        return (model.Task, rows, model.Predict(rows.Features, rows.Rows));
    }

    /// <summary>The new columns: <c>predicted_TARGET</c> per regression target, or <c>predicted_LABEL</c> and <c>p(CLASS)</c> per class.</summary>
    private static string[] ColumnNames(DatasetTask task) => task.Kind == TaskKind.Regression
        ? [.. task.TargetNames.Select(t => "predicted_" + t)]
        : ["predicted_" + task.TargetNames[0], .. task.ClassNames.Select(c => $"p({c})")];

    private static void Write(TextWriter destination, string inputPath, char delimiter, string[] names, DatasetTask task, Prediction prediction)
    {
        var c = CultureInfo.InvariantCulture;
        using var reader = Sep.Reader(o => o with { Sep = new Sep(delimiter), Unescape = true }).FromFile(inputPath);
        using var writer = reader.Spec.Writer(o => o with { Escape = true }).To(destination);
        var row = 0;
        foreach (var raw in reader)
        {
            if (row >= prediction.Rows)
            {
                throw new InvalidDataException($"{inputPath} changed while it was read: it now has more rows than the {prediction.Rows:N0} predicted.");
            }

            using var line = writer.NewRow(raw);
            if (task.Kind == TaskKind.Regression)
            {
                var width = task.TargetWidth;
                for (var t = 0; t < width; t++)
                {
                    line[names[t]].Set(prediction.Values[row * width + t].ToString("R", c));
                }
            }
            else
            {
                line[names[0]].Set(prediction.ClassName(row));
                for (var k = 0; k < task.ClassCount; k++)
                {
                    line[names[k + 1]].Set(prediction.Probabilities[row * task.ClassCount + k].ToString("R", c));
                }
            }

            row++;
        }

        if (row != prediction.Rows)
        {
            throw new InvalidDataException($"{inputPath} has {row:N0} data rows on a second reading but {prediction.Rows:N0} were predicted; was it changed while being read?");
        }
    }
}
