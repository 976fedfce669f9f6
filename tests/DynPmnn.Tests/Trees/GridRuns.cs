using System.Collections.Concurrent;
using DynPmnn.Trees;

namespace DynPmnn.Tests.Trees;

/// <summary>
/// Runs each data set's full grid once for all the grid tests (shared through xunit's class fixture), on every
/// core, and remembers how long it took.
/// </summary>
public sealed class GridRuns
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _runs = new();

    internal DecisionTreeGridResult<ClassifierGridEntry, DecisionTreeClassifier> Classifiers(TreeFixture fixture) =>
        (DecisionTreeGridResult<ClassifierGridEntry, DecisionTreeClassifier>)Get(
            fixture, () => DecisionTreeGrid.SearchClassifiers(fixture.ClassificationSplit("train"), fixture.ClassificationSplit("valid")));

    internal DecisionTreeGridResult<RegressorGridEntry, DecisionTreeRegressor> Regressors(TreeFixture fixture) =>
        (DecisionTreeGridResult<RegressorGridEntry, DecisionTreeRegressor>)Get(
            fixture, () => DecisionTreeGrid.SearchRegressors(fixture.RegressionSplit("train"), fixture.RegressionSplit("valid")));

    private object Get(TreeFixture fixture, Func<object> run) =>
        _runs.GetOrAdd(fixture.Name, _ => new Lazy<object>(run, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
