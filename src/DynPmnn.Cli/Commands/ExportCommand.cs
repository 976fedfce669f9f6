using System.CommandLine;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Models;
using DynPmnn.Onnx;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn export MODEL OUT.onnx</c>: the model as ONNX, taking raw feature rows, for ONNX Runtime and every tool that reads ONNX.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "A model file written by `dynpmnn train --save`." };
        var outputPath = new Argument<string>("OUT") { Description = "The ONNX file to write (opset 17), such as model.onnx." };
        var assembly = new Option<string?>("--assembly") { Description = "The compiled assembly that declares the model's own neurons, if it uses any." };
        var command = new Command(
            "export",
            "Write a saved model as ONNX: one float input `features` [N, F] of raw feature rows (the scaler is folded in); a regression gives one output per target, "
            + "a classifier the class index (int64, named after the label column) and `<label>_probabilities`. Feature, target and class names are in the model's metadata.")
        {
            modelPath, outputPath, assembly,
        };
        CommandAction.Set(command, parse =>
        {
            UserAssembly.Load(parse.GetValue(assembly));
            var path = parse.GetValue(modelPath)!;
            var output = parse.GetValue(outputPath)!;
            OutputPaths.CheckWritableFile(output, "OUT");
            if (Path.GetFullPath(output) == Path.GetFullPath(path))
            {
                throw new UsageException("OUT names the model file itself; write the ONNX model elsewhere.");
            }

            var model = TrainedModel.Load(path);
            OnnxExporter.Save(model, output);
            Console.Error.WriteLine($"{model.Spec.Summary} exported to {Path.GetFullPath(output)} ({new FileInfo(output).Length:N0} bytes)");
            return 0;
        });
        return command;
    }
}
