using DynPmnn.Training;

namespace DynPmnn.Tests.Training;

public class LossTests
{
    [Fact]
    public void MeanSquaredErrorIsTheMeanOverAllElements()
    {
        var loss = new MeanSquaredError<double>();
        // batch 2 × 2 outputs; differences 1, 0, −2, 1; squares sum to 6 over 4 elements
        double[] predictions = [1, 2, 3, 4];
        double[] targets = [0, 2, 5, 3];
        Assert.Equal(1.5, loss.Forward(predictions, targets, 2, 2));
        var gradient = new double[4];
        loss.Backward(predictions, targets, gradient, 2, 2);
        // 2 · difference / 4
        Assert.Equal([0.5, 0, -1, 0.5], gradient);
    }

    [Fact]
    public void SoftmaxCrossEntropyMatchesTheFormula()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        // Row 0: logits [0, ln 3] → softmax [1/4, 3/4], target 1 → −ln(3/4).
        // Row 1: logits [5, 5] → softmax [1/2, 1/2], target 0 → ln 2.
        double[] logits = [0, Math.Log(3), 5, 5];
        double[] targets = [1, 0];
        Assert.Equal((Math.Log(4.0 / 3) + Math.Log(2)) / 2, loss.Forward(logits, targets, 2, 2), 14);
        var gradient = new double[4];
        loss.Backward(logits, targets, gradient, 2, 2);
        // (softmax − one-hot) / batch
        Assert.Equal([0.125, -0.125, -0.25, 0.25], gradient, (a, b) => Math.Abs(a - b) < 1e-14);
    }

    [Fact]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferences()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        var random = new Random(2);
        var logits = Enumerable.Range(0, 12).Select(_ => 4 * random.NextDouble() - 2).ToArray();
        double[] targets = [2, 0, 3];
        var gradient = new double[12];
        loss.Backward(logits, targets, gradient, 3, 4);
        for (var i = 0; i < logits.Length; i++)
        {
            var saved = logits[i];
            logits[i] = saved + 1e-6;
            var plus = loss.Forward(logits, targets, 3, 4);
            logits[i] = saved - 1e-6;
            var minus = loss.Forward(logits, targets, 3, 4);
            logits[i] = saved;
            Assert.Equal((plus - minus) / 2e-6, gradient[i], 1e-8);
        }
    }

    [Fact]
    public void SoftmaxCrossEntropyRejectsATargetThatIsNotAClass()
    {
        var error = Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropy<float>().Forward([1f, 2f], [2f], 1, 2));
        Assert.Contains("not a class index", error.Message);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsMatchesPyTorchsFormula()
    {
        var loss = new BinaryCrossEntropyWithLogits<double>();
        // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] per row: z = ln 3 (σ = 3/4), y = 1 → ln(4/3); z = 0, y = 0 → ln 2;
        // z = 800, y = 0 → 800 (no overflow to infinity).
        double[] logits = [Math.Log(3), 0, 800];
        double[] targets = [1, 0, 0];
        Assert.Equal((Math.Log(4.0 / 3) + Math.Log(2) + 800) / 3, loss.Forward(logits, targets, 3, 1), 12);
        var gradient = new double[3];
        loss.Backward(logits, targets, gradient, 3, 1);
        // (σ(z) − y) / batch
        Assert.Equal([(0.75 - 1) / 3, 0.5 / 3, 1.0 / 3], gradient, (a, b) => Math.Abs(a - b) < 1e-14);
        Assert.Equal(1, loss.PredictClass([0.0]));
        Assert.Equal(0, loss.PredictClass([-1e-9]));
        var probabilities = new double[2];
        loss.Probabilities([Math.Log(3)], probabilities);
        Assert.Equal([0.25, 0.75], probabilities, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void BinaryCrossEntropyRejectsWhatIsNotBinary()
    {
        var loss = new BinaryCrossEntropyWithLogits<float>();
        Assert.Contains("needs class 0 or 1", Assert.Throws<ArgumentException>(() => loss.Forward([1f], [2f], 1, 1)).Message);
        Assert.Contains("needs one output", Assert.Throws<ArgumentException>(() => loss.Forward([1f, 2f], [1f], 1, 2)).Message);
        Assert.Contains("use softmax cross-entropy", Assert.Throws<ArgumentException>(() => loss.OutputSize(3)).Message);
    }

    [Fact]
    public void SoftmaxCrossEntropyPredictsTheFirstHighestScoreAndItsProbabilities()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        Assert.Equal(1, loss.PredictClass([0.0, 2, 2]));
        var probabilities = new double[3];
        loss.Probabilities([0.0, Math.Log(2), Math.Log(5)], probabilities);
        Assert.Equal([0.125, 0.25, 0.625], probabilities, (a, b) => Math.Abs(a - b) < 1e-15);
    }
}
