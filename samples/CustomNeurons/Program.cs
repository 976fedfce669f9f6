using System.Globalization;
using CustomNeurons;
using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Stability;
using DynPmnn.Training;

// A small regression: y = sin(2 x0) · cos(x1) + 0.5 x2 − 0.3 x3², from four features in [−1, 1].
const int features = 4;
const int rows = 512;
var random = new Random(1);
var x = new float[rows * features];
var y = new float[rows];
for (var r = 0; r < rows; r++)
{
    for (var f = 0; f < features; f++)
    {
        x[(r * features) + f] = (float)((random.NextDouble() * 2) - 1);
    }

    var row = x.AsSpan(r * features, features);
    y[r] = (MathF.Sin(2 * row[0]) * MathF.Cos(row[1])) + (0.5f * row[2]) - (0.3f * row[3] * row[3]);
}

var data = new TrainingData(x, y, features);

// Dense → Tanh → 3 resonators (each takes an initial X and a drive I, and gives X and Y at t = 1) → Dense.
const int units = 3;
var resonators = new OdeLayer<Resonator, float>(new OdeLayerOptions
{
    Units = units,
    Integrator = Integrator.RungeKutta4,
    Dt = 0.1,
    Steps = 10,
    StatesFromFeatures = ["X"],
    InputsFromFeatures = ["I"],
    Readout = ["X", "Y"],
    TrainedParameters = [new("B"), new("Omega", ParameterConstraint.Positive)],
});
var encoder = new Dense<float>(features, resonators.InputSize, random);
var squash = new Tanh<float>(resonators.InputSize);
var model = new Sequential<float>(
    encoder,
    squash,
    resonators,
    new Dense<float>(resonators.OutputSize, 1, random));

var trainer = new Trainer(model, new MeanSquaredError<float>(), new Adam<float>(model.Parameters, learningRate: 1e-2));
Console.WriteLine($"Training {model.Description} on {rows} rows");
trainer.Fit(
    data,
    validation: null,
    new TrainingOptions { BatchSize = 32, MaxEpochs = 15, Seed = 1 },
    new Progress(report => Console.WriteLine($"  epoch {report.Epoch,2}: training MSE {report.TrainLoss.ToString("F5", CultureInfo.InvariantCulture)}")));

Console.WriteLine();
Console.WriteLine("Learned dynamical parameters (per unit):");
var descriptor = NeuronInfo<Resonator>.Descriptor;
var effective = resonators.EffectiveParameters.ToArray();
for (var u = 0; u < units; u++)
{
    var values = descriptor.Parameters.Select((name, p) => $"{name} = {effective[(u * descriptor.Parameters.Count) + p].ToString("F4", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"  unit {u}: {string.Join(", ", values)}");
}

Console.WriteLine();
Console.WriteLine($"{descriptor.Name}, as the generator read it:");
foreach (var equation in descriptor.Equations)
{
    Console.WriteLine($"  {equation}");
}

Console.WriteLine("Partial derivatives it derived:");
foreach (var d in descriptor.PartialDerivatives)
{
    Console.WriteLine($"  ∂(d{d.State}/dt)/∂{d.Variable} = {d.Expression}");
}

// The states the resonators visit on the first batch, after the layers in front of them.
Console.WriteLine();
const int batch = 64;
var encoded = new float[batch * encoder.OutputSize];
var hidden = new float[batch * squash.OutputSize];
encoder.Forward(x.AsSpan(0, batch * features), encoded, batch);
squash.Forward(encoded, hidden, batch);
Console.WriteLine(resonators.CheckStability(hidden, batch));
Console.WriteLine();
Console.WriteLine(StabilityAnalysis.AtRest<Resonator>(Integrator.Euler, 1.0));

/// <summary>Reaches a neuron's static members through its generated <see cref="INeuron{TSelf}"/> implementation.</summary>
internal static class NeuronInfo<TNeuron>
    where TNeuron : INeuron<TNeuron>
{
    public static NeuronDescriptor Descriptor => TNeuron.Descriptor;
}

/// <summary>Reports each epoch synchronously, on the training thread.</summary>
internal sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
