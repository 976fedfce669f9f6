using DynPmnn.Models;

namespace DynPmnn.Tests.Models;

/// <summary>Model descriptions are read strictly: a typo or a null is an error that names the member, never a silent default.</summary>
public sealed class ModelSpecTests
{
    [Fact]
    public void TheJsonFormIsCamelCaseWithEnumNames()
    {
        var spec = new ModelSpec { Kind = ModelKind.Dnn, Inputs = 4, Outputs = 3, Head = OutputHead.Softmax, HiddenSizes = [16, 8] };
        var json = spec.ToJson();
        Assert.Contains("\"kind\":\"Dnn\"", json);
        Assert.Contains("\"head\":\"Softmax\"", json);
        Assert.Contains("\"hiddenSizes\":[16,8]", json);
        Assert.DoesNotContain("summary", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(json, ModelSpec.FromJson(json).ToJson());
    }

    [Theory]
    [InlineData("""{"kind":"Dnn","hiddenSize":[4]}""", "hiddenSize")]
    [InlineData("""{"kind":"Dnn","Kind":"Cfc"}""", "Kind")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"neuron":"FitzHughNagumo","unit":3}]}""", "unit")]
    [InlineData("""{"kind":"Dnn","hiddenSizes":null}""", "hiddenSizes")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"neuron":null}]}""", "neuron")]
    [InlineData("""{"inputs":4}""", "kind")]
    [InlineData("""{"kind":"Transformer"}""", "kind")]
    public void UnknownMisspelledNullOrMissingMembersAreNamed(string json, string member)
    {
        var error = Assert.Throws<FormatException>(() => ModelSpec.FromJson(json));
        Assert.Contains(member, error.Message);
        Assert.DoesNotContain("DynPmnn.Models.", error.Message);
    }

    [Theory]
    [InlineData("""{"kind":"Dnn","hiddenSizes":[]}""", "at least one hidden layer")]
    [InlineData("""{"kind":"DynPmnn","blocks":[]}""", "at least one ODE block")]
    [InlineData("""{"kind":"Dnn","hiddenSizes":[2000000000]}""", "hiddenSizes is 2000000000; it must be between 1 and 1,048,576")]
    [InlineData("""{"kind":"Cfc","units":0}""", "units is 0")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"units":100000000}]}""", "blocks[0].units is 100000000")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"dt":0}]}""", "blocks[0].dt is 0")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"steps":-1}]}""", "blocks[0].steps is -1")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"statesFromFeatures":[]}]}""", "takes nothing from its features")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"initialStates":{"V":-65}}]}""", "blocks[0].initialStates.V: V is taken from the features")]
    [InlineData("""{"kind":"DynPmnn","blocks":[{"initialStates":null}]}""", "initialStates")]
    [InlineData("""{"kind":"Dnn","head":"Sigmoid","outputs":2}""", "sigmoid head has one output")]
    [InlineData("""{"kind":"NeuralOde","solver":"euler"}""", "Unknown Neural ODE solver 'euler'")]
    [InlineData("null", "empty")]
    public void SizesAndListsAreCheckedBeforeAnythingIsBuilt(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ModelSpec.FromJson(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void StatesNotTakenFromTheFeaturesStartAtTheirInitialValues()
    {
        // A Hodgkin–Huxley unit at rest with no input current stays at rest; from the default 0 (all gates closed) it does not.
        var atRest = new OdeBlockSpec
        {
            Neuron = "HodgkinHuxley",
            Integrator = DynPmnn.Neurons.Integrator.RungeKutta4,
            Dt = 0.05,
            Steps = 20,
            StatesFromFeatures = [],
            InputsFromFeatures = ["I"],
            InitialStates = new Dictionary<string, double> { ["V"] = -65, ["M"] = 0.0529, ["H"] = 0.5961, ["N"] = 0.3177 },
        };
        Assert.Equal(-65, Integrate(atRest)[0], 0.1);
        Assert.Equal(0.5961, Integrate(atRest)[2], 0.01);
        Assert.True(Integrate(atRest with { InitialStates = new Dictionary<string, double>() })[0] > -40);

        var unknown = Assert.Throws<ArgumentException>(() => Integrate(atRest with { InitialStates = new Dictionary<string, double> { ["Q"] = 1 } }));
        Assert.Contains("HodgkinHuxley has no state named 'Q' (its states: V, M, H, N)", unknown.Message);

        static double[] Integrate(OdeBlockSpec block)
        {
            var layer = DynPmnn.Neurons.NeuronCatalog.CreateLayer<double>(block.Neuron, block.ToLayerOptions());
            var output = new double[layer.OutputSize];
            layer.Forward(new double[layer.InputSize], output, 1);
            return output;
        }
    }

    [Fact]
    public void TheHeadDecidesTheLossAndTheOutputs()
    {
        var spec = new ModelSpec { Kind = ModelKind.Cfc, Inputs = 4, Units = 8, Outputs = 3, Head = OutputHead.Softmax };
        Assert.Equal(3, ModelFactory.Build<float>(spec, 1).OutputSize);
        Assert.IsType<DynPmnn.Training.SoftmaxCrossEntropy<float>>(ModelFactory.CreateLoss<float>(spec));
        Assert.IsType<DynPmnn.Training.BinaryCrossEntropyWithLogits<float>>(ModelFactory.CreateLoss<float>(spec with { Head = OutputHead.Sigmoid, Outputs = 1 }));
        Assert.IsType<DynPmnn.Training.MeanSquaredError<float>>(ModelFactory.CreateLoss<float>(spec with { Head = OutputHead.Regression }));
        var node = new ModelSpec { Kind = ModelKind.NeuralOde, Inputs = 4, Hidden = 5, FieldLayers = 2, InputActivation = "tanh", Solver = "rk4", Outputs = 2 };
        var network = ModelFactory.Build<float>(node, 1);
        Assert.Equal(2, network.OutputSize);
        Assert.IsType<DynPmnn.Layers.Tanh<float>>(network.Layers[1]);
    }
}
