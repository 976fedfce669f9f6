// The paper's California Housing comparison through the library API: the same presets, split and protocol as
// `dynpmnn paper`, in a page of code. Usage: dotnet run -c Release --project samples/CaliforniaHousing [-- PATH]
using System.Globalization;
using DynPmnn.Data;
using DynPmnn.Experiments;

var path = args.Length > 0 ? args[0] : null;
var data = await new DataLocator().LoadAsync(BuiltInDatasets.California, path);
var split = DatasetSplit.Create(data, SplitOptions.PaperCalifornia);
Console.WriteLine($"California Housing: train {split.Train.Rows}, valid {split.Validation.Rows}, test {split.Test.Rows}");

var c = CultureInfo.InvariantCulture;
Console.WriteLine($"{"model",-24} {"params",8} {"epochs",6} {"s/epoch",8} {"test RMSE",9} {"paper",7}");
foreach (var preset in Presets.Paper)
{
    var result = ExperimentRunner.Run(preset, split, seed: 1).Result;
    var rmse = result.Error is null ? result.TestRmse.ToString("F4", c) : "diverged";
    Console.WriteLine(string.Create(c, $"{preset.Title,-24} {result.Parameters,8:N0} {result.Epochs,6} {result.MedianEpochSeconds,8:F3} {rmse,9} {preset.PublishedTestRmse,7:F4}"));
}
