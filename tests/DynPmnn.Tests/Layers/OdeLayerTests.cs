using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;
using DynPmnn.Tests.Neurons;

namespace DynPmnn.Tests.Layers;

public sealed class OdeLayerTests
{
    public static TheoryData<Integrator> Schemes() => new(Enum.GetValues<Integrator>());

    [Theory]
    [MemberData(nameof(Schemes))]
    public void FeaturesAsInitialStateGradients(Integrator scheme) =>
        GradientCheck.Check(
            new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions { Units = 3, Integrator = scheme, Dt = 0.5, Steps = 4, StatesFromFeatures = ["V", "W"] }),
            batch: 5);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void FeaturesAsInputCurrentGradients(Integrator scheme) =>
        GradientCheck.Check(
            new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions
            {
                Units = 4,
                Integrator = scheme,
                Dt = 0.5,
                Steps = 6,
                InputsFromFeatures = ["I"],
                Readout = ["V"],
                InitialStates = new Dictionary<string, double> { ["V"] = 0.1, ["W"] = -0.05 },
            }),
            batch: 3);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void BothCouplingsWithTrainedParameters(Integrator scheme)
    {
        var layer = new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions
        {
            Units = 2,
            Integrator = scheme,
            Dt = 0.4,
            Steps = 5,
            StatesFromFeatures = ["V"],
            InputsFromFeatures = ["I"],
            Readout = ["W", "V"],
            TrainedParameters = [new("A"), new("B", ParameterConstraint.Positive), new("G", ParameterConstraint.Positive)],
        });
        Jitter(layer, seed: 3);
        GradientCheck.Check(layer, batch: 4);
    }

    [Fact]
    public void HodgkinHuxleyLayerWithTrainedConductancesGradients()
    {
        var layer = new OdeLayer<HodgkinHuxley, double>(new OdeLayerOptions
        {
            Units = 2,
            Integrator = Integrator.RungeKutta4,
            Dt = 0.01,
            Steps = 10,
            InputsFromFeatures = ["I"],
            Readout = ["V", "N"],
            InitialStates = new Dictionary<string, double> { ["V"] = -65, ["M"] = 0.05, ["H"] = 0.6, ["N"] = 0.32 },
            TrainedParameters = [new("GNa", ParameterConstraint.Positive), new("GK", ParameterConstraint.Positive)],
        });
        GradientCheck.Check(layer, batch: 3, inputScale: 10, relativeTolerance: 1e-5, absoluteTolerance: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void WholeNetworkWithTwoOdeLayersGradients(Integrator scheme)
    {
        var random = new Random(5);
        var first = new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions
        {
            Units = 3,
            Integrator = scheme,
            Dt = 0.5,
            Steps = 3,
            StatesFromFeatures = ["V", "W"],
            TrainedParameters = [new("A"), new("G", ParameterConstraint.Positive)],
        });
        var second = new OdeLayer<LeakyIntegrator, double>(new OdeLayerOptions
        {
            Units = 2,
            Integrator = scheme,
            Dt = 0.3,
            Steps = 4,
            InputsFromFeatures = ["I"],
            TrainedParameters = [new("Tau", ParameterConstraint.Positive)],
        });
        var network = new Sequential<double>(
            new Dense<double>(4, 6, random),
            new LayerNorm<double>(6),
            new SiLU<double>(6),
            first,
            new Dense<double>(6, 2, random),
            new Tanh<double>(2),
            second,
            new Dense<double>(2, 1, random));
        Jitter(first, seed: 7);
        GradientCheck.Check(network, batch: 4);
    }

    [Fact]
    public void PaperModelHasTwentyFiveParameters()
    {
        var random = new Random(1);
        var network = new Sequential<float>(
            new Dense<float>(8, 2, random),
            new LayerNorm<float>(2),
            new SiLU<float>(2),
            new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, Dt = 5, Steps = 2, StatesFromFeatures = ["V", "W"] }),
            new Dense<float>(2, 1, random));
        Assert.Equal(25, network.Parameters.Sum(p => p.Length));
    }

    [Fact]
    public void PaperNominalStepSizeDivergesWithAClearError()
    {
        // dt = 20 with explicit Euler: even the rest state is unstable (|1 − a·dt| = 3), so the first element blows up.
        var layer = new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, Dt = 20, Steps = 500, StatesFromFeatures = ["V", "W"] });
        float[] input = [0.3f, -0.1f, -0.5f, 0.2f];
        var output = new float[4];
        var error = Assert.Throws<OdeDivergenceException>(() => layer.Forward(input, output, 2));
        Assert.Equal(0, error.Unit);
        Assert.Equal(0, error.Row);
        Assert.InRange(error.Step, 1, 10);
        Assert.Contains("stability region", error.Message);
        Assert.Contains("dt = 20, Euler", error.Message);
    }

    [Fact]
    public void DivergenceNamesTheUnitRowAndStepThatBlewUp()
    {
        // dt = 5 is stable near rest, but a membrane potential of 4 is thrown out by the cubic term.
        var layer = new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 2, Dt = 5, Steps = 50, StatesFromFeatures = ["V", "W"] });
        float[] input = [0.01f, 0.0f, 0.02f, 0.0f, 0.01f, 0.0f, 4f, 0.2f];
        var output = new float[8];
        var error = Assert.Throws<OdeDivergenceException>(() => layer.Forward(input, output, 2));
        Assert.Equal(1, error.Unit);
        Assert.Equal(1, error.Row);
        Assert.InRange(error.Step, 1, 5);
        Assert.Contains("unit 1, batch row 1", error.Message);
        Assert.Contains("Ode<DynPmnn.Neurons.Zoo.FitzHughNagumo>(2 units, Euler, dt 5, 50 steps)", error.Message);
    }

    [Fact]
    public void PaperStepSizeStaysFinite()
    {
        var layer = new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, Dt = 5, Steps = 2, StatesFromFeatures = ["V", "W"] });
        var random = new Random(2);
        var input = Enumerable.Range(0, 64).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var output = new float[64];
        layer.Forward(input, output, 32);
        Assert.All(output, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var options = new OdeLayerOptions { Units = 16, Dt = 0.2, Steps = 20, StatesFromFeatures = ["V", "W"], TrainedParameters = [new("A")] };
        var serial = new OdeLayer<FitzHughNagumo, float>(options with { ParallelThreshold = long.MaxValue });
        var parallel = new OdeLayer<FitzHughNagumo, float>(options with { ParallelThreshold = 1 });
        var random = new Random(4);
        const int batch = 300;
        var input = Enumerable.Range(0, batch * serial.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var gradient = Enumerable.Range(0, batch * serial.OutputSize).Select(_ => (float)random.NextDouble()).ToArray();

        var (outSerial, gradSerial) = Run(serial);
        var (outParallel, gradParallel) = Run(parallel);
        Assert.Equal(outSerial, outParallel);
        Assert.Equal(gradSerial, gradParallel);
        Assert.Equal(serial.Parameters[0].Gradient, parallel.Parameters[0].Gradient);

        (float[] Output, float[] InputGradient) Run(OdeLayer<FitzHughNagumo, float> layer)
        {
            var output = new float[batch * layer.OutputSize];
            var inputGradient = new float[input.Length];
            layer.Forward(input, output, batch);
            layer.Backward(input, output, gradient, inputGradient, batch);
            return (output, inputGradient);
        }
    }

    [Fact]
    public void BadOptionsAreClearErrors()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, StatesFromFeatures = ["X"] }));
        Assert.Contains("no state named 'X'", unknown.Message);
        Assert.Contains("V, W", unknown.Message);
        Assert.Throws<ArgumentException>(() => new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions { Units = 1, Dt = -1, StatesFromFeatures = ["V"] }));
        var negative = Assert.Throws<ArgumentException>(() => new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions
        {
            Units = 1,
            StatesFromFeatures = ["V"],
            TrainedParameters = [new("A", ParameterConstraint.Positive)],
            ParameterValues = new Dictionary<string, double> { ["A"] = -0.5 },
        }));
        Assert.Contains("positive", negative.Message);
    }

    [Fact]
    public void PositiveParameterStartsAtItsDefault()
    {
        var layer = new OdeLayer<FitzHughNagumo, double>(new OdeLayerOptions
        {
            Units = 3,
            StatesFromFeatures = ["V"],
            TrainedParameters = [new("B", ParameterConstraint.Positive)],
        });
        var effective = layer.EffectiveParameters.ToArray();
        for (var u = 0; u < 3; u++)
        {
            Assert.Equal(0.02f, effective[(u * 3) + 1], 9);
        }
    }

    [Fact]
    public void WarmedUpTrainingStepWithAnOdeLayerAllocatesNothing()
    {
        var random = new Random(9);
        var network = new Sequential<float>(
            new Dense<float>(8, 16, random),
            new LayerNorm<float>(16),
            new Tanh<float>(16),
            new OdeLayer<FitzHughNagumo, float>(new OdeLayerOptions
            {
                Units = 8,
                Integrator = Integrator.RungeKutta4,
                Dt = 0.5,
                Steps = 40,
                StatesFromFeatures = ["V", "W"],
                TrainedParameters = [new("A"), new("B", ParameterConstraint.Positive)],
            }),
            new Dense<float>(16, 1, random));
        var trainer = new DynPmnn.Training.Trainer(network, new DynPmnn.Training.MeanSquaredError<float>(), new DynPmnn.Training.Adam<float>(network.Parameters, 1e-3, weightDecay: 5e-3));
        const int batch = 32;
        var features = Enumerable.Range(0, batch * 8).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var targets = Enumerable.Range(0, batch).Select(_ => (float)random.NextDouble()).ToArray();

        // 40 steps span two backward segments, so the checkpointed recomputation is on the measured path too.
        for (var i = 0; i < 3; i++)
        {
            trainer.TrainBatch(features, targets, batch);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        trainer.TrainBatch(features, targets, batch);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void GradientsWithoutATapeMatchGradientsFromTheTape(Integrator scheme)
    {
        var options = new OdeLayerOptions
        {
            Units = 3,
            Integrator = scheme,
            Dt = 0.2,
            Steps = 40,
            StatesFromFeatures = ["V"],
            InputsFromFeatures = ["I"],
            TrainedParameters = [new("A"), new("B", ParameterConstraint.Positive)],
        };
        var random = new Random(11);
        const int batch = 37;
        var layer = new OdeLayer<FitzHughNagumo, float>(options);
        var input = Enumerable.Range(0, batch * layer.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var upstream = Enumerable.Range(0, batch * layer.OutputSize).Select(_ => (float)random.NextDouble()).ToArray();

        var taped = Run(new OdeLayer<FitzHughNagumo, float>(options));
        var recomputed = Run(new OdeLayer<FitzHughNagumo, float>(options with { TapeBudget = 0 }));
        Assert.Equal(taped.Output, recomputed.Output);
        Assert.Equal(taped.InputGradient, recomputed.InputGradient);
        Assert.Equal(taped.ParameterGradients, recomputed.ParameterGradients);

        (float[] Output, float[] InputGradient, float[] ParameterGradients) Run(OdeLayer<FitzHughNagumo, float> l)
        {
            var output = new float[batch * l.OutputSize];
            var inputGradient = new float[input.Length];
            l.Forward(input, output, batch);
            l.Backward(input, output, upstream, inputGradient, batch);
            return (output, inputGradient, [.. l.Parameters.SelectMany(p => p.Gradient)]);
        }
    }

    [Fact]
    public void OneUnitOverALargeBatchRunsInBlocksWithThreadIndependentResults()
    {
        // 2,500 rows of one unit: three blocks of rows, the work items that run in parallel.
        var options = new OdeLayerOptions { Units = 1, Integrator = Integrator.Heun, Dt = 0.3, Steps = 8, StatesFromFeatures = ["V"], InputsFromFeatures = ["I"], TrainedParameters = [new("G", ParameterConstraint.Positive)] };
        const int batch = 2500;
        var random = new Random(13);
        var input = Enumerable.Range(0, batch * 2).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var upstream = Enumerable.Range(0, batch * 2).Select(_ => (float)random.NextDouble()).ToArray();
        var serial = Run(new OdeLayer<FitzHughNagumo, float>(options with { ParallelThreshold = long.MaxValue }), input, upstream, batch);
        var parallel = Run(new OdeLayer<FitzHughNagumo, float>(options with { ParallelThreshold = 1 }), input, upstream, batch);
        Assert.Equal(serial.Output, parallel.Output);
        Assert.Equal(serial.InputGradient, parallel.InputGradient);
        Assert.Equal(serial.ParameterGradients, parallel.ParameterGradients);

        // Rows are independent: the last rows (in the third block) give the same bits when run as a batch of their own.
        var tail = Run(new OdeLayer<FitzHughNagumo, float>(options), input[(2490 * 2)..], upstream[(2490 * 2)..], 10);
        Assert.Equal(serial.Output[(2490 * 2)..], tail.Output);
        Assert.Equal(serial.InputGradient[(2490 * 2)..], tail.InputGradient);

        static (float[] Output, float[] InputGradient, float[] ParameterGradients) Run(OdeLayer<FitzHughNagumo, float> layer, float[] input, float[] upstream, int rows)
        {
            var output = new float[rows * layer.OutputSize];
            var inputGradient = new float[input.Length];
            layer.Forward(input, output, rows);
            layer.Backward(input, output, upstream, inputGradient, rows);
            return (output, inputGradient, [.. layer.Parameters.SelectMany(p => p.Gradient)]);
        }
    }

    private static void Jitter(Layer<double> layer, int seed)
    {
        var random = new Random(seed);
        foreach (var parameter in layer.Parameters)
        {
            for (var k = 0; k < parameter.Length; k++)
            {
                parameter.Value[k] += 0.05 * ((2 * random.NextDouble()) - 1);
            }
        }
    }
}
