using DynPmnn.Training;

namespace DynPmnn.Tests.Training;

public class EarlyStoppingTests
{
    // A fast start, then steady gains smaller than the 0.05 margin.
    private static readonly double[] Losses = [1.0, 0.97, 0.96, 0.94, 0.92, 0.91, 0.90, 0.89, 0.88];

    [Fact]
    public void PaperRuleMeasuresAgainstTheLossAtTheLastReset()
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions(Patience: 3, MinDelta: 0.05, Mode: EarlyStoppingMode.SinceLastReset));
        // 1.00 resets (reference ∞); 0.97, 0.96 are not below 0.95: counter 1, 2; 0.94 < 0.95 resets (reference 0.94);
        // 0.92, 0.91, 0.90 are not below 0.89: counter 1, 2, 3 → stop at the 7th epoch.
        Assert.Equal(7, EpochsUntilStop(stopping));
        Assert.Equal(0.94, stopping.Reference);
    }

    [Fact]
    public void ConventionalRuleMeasuresAgainstTheBestSoFar()
    {
        var stopping = new EarlyStopping(new EarlyStoppingOptions(Patience: 3, MinDelta: 0.05, Mode: EarlyStoppingMode.BestSoFar));
        // 1.00 resets; 0.97 (counter 1, best 0.97); 0.96 (counter 2, best 0.96); 0.94 is not below 0.91 → counter 3, stop.
        Assert.Equal(4, EpochsUntilStop(stopping));
        Assert.Equal(0.94, stopping.Reference);
    }

    [Fact]
    public void TheRulesAgreeWithoutAMargin()
    {
        var paper = new EarlyStopping(new EarlyStoppingOptions(2, 0, EarlyStoppingMode.SinceLastReset));
        var conventional = new EarlyStopping(new EarlyStoppingOptions(2, 0, EarlyStoppingMode.BestSoFar));
        double[] losses = [1.0, 0.8, 0.9, 0.7, 0.7, 0.75];
        var paperStops = losses.Select(paper.ShouldStop).ToArray();
        var conventionalStops = losses.Select(conventional.ShouldStop).ToArray();
        Assert.Equal([false, false, false, false, false, true], paperStops);
        Assert.Equal(paperStops, conventionalStops);
    }

    [Fact]
    public void PaperPresetIsPatienceTenMarginFiveHundredths()
    {
        Assert.Equal(new EarlyStoppingOptions(10, 0.05, EarlyStoppingMode.SinceLastReset), EarlyStoppingOptions.Paper);
    }

    private static int EpochsUntilStop(EarlyStopping stopping)
    {
        for (var epoch = 1; epoch <= Losses.Length; epoch++)
        {
            if (stopping.ShouldStop(Losses[epoch - 1]))
            {
                return epoch;
            }
        }

        return -1;
    }
}
