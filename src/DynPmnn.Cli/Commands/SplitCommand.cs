using System.CommandLine;
using DynPmnn.Cli.CommandLine;
using DynPmnn.Data;

namespace DynPmnn.Cli.Commands;

/// <summary><c>dynpmnn split</c>: the row indices of a split, to compare with scikit-learn or numpy.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var data = new DataSelection();
        var method = new Option<SplitMethod?>("--split") { Description = "Sklearn (train_test_split twice, stratified for classification; the default) or Paper (numpy rand; California's default)." }.NamesOnly();
        var seed = new Option<int?>("--seed") { Description = "The split's seed (default 42, the paper's)." }.Within(0, int.MaxValue);
        var command = new Command("split", "Print the training, validation and test row indices (0-based, in the order the split returns them), one comma-separated line each.");
        data.AddTo(command);
        command.Options.Add(method);
        command.Options.Add(seed);
        CommandAction.Set(command, async (parse, cancellationToken) =>
        {
            var loaded = await data.LoadAsync(parse, quiet: true, cancellationToken);
            var options = TrainCommand.SplitOptionsFor(loaded, parse.GetValue(method), parse.GetValue(seed));
            var split = DatasetSplit.Create(loaded.Dataset, options);
            Console.WriteLine("train: " + string.Join(',', split.Indices.Train));
            Console.WriteLine("validation: " + string.Join(',', split.Indices.Validation));
            Console.WriteLine("test: " + string.Join(',', split.Indices.Test));
            return 0;
        });
        return command;
    }
}
