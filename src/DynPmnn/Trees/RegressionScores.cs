namespace DynPmnn.Trees;

/// <summary>
/// A regressor's scores on one data set, each averaged uniformly over the outputs, computed as scikit-learn 1.2.1
/// computes them.
/// </summary>
public sealed record RegressionScores(double MeanSquaredError, double MeanAbsoluteError, double RSquared)
{
    /// <summary>Scores <paramref name="model"/> on every row of <paramref name="data"/>.</summary>
    public static RegressionScores Of(DecisionTreeRegressor model, RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.OutputCount != data.Outputs)
        {
            throw new ArgumentException(
                $"The tree predicts {model.OutputCount} outputs; the data have {data.Outputs}.", nameof(data));
        }

        var predicted = model.Predict(data.Features);
        return new RegressionScores(
            TreeMetrics.MeanSquaredError(data.Targets, predicted, data.Outputs),
            TreeMetrics.MeanAbsoluteError(data.Targets, predicted, data.Outputs),
            TreeMetrics.RSquared(data.Targets, predicted, data.Outputs, data.SinglePrecisionTargets));
    }
}
