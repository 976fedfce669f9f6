using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>
/// Variables and derived values: the three meanings the authors' scripts give one grid parameter, t_step (a step size
/// rounded up to whole steps, a step count, a step size that must divide the span), each written as variables and
/// derived step counts and sizes, and checked against the authors' loops written out here.
/// </summary>
public sealed class DerivedValueTests
{
    private static readonly int[] TSteps = [1, 2, 5, 10, 20, 50, 100, 500];
    private static readonly int[] TEnds = [10, 20, 50, 100, 200, 500, 1000, 10000];

    private static JsonObject TimeGrid(string derived, params string[] constraints)
    {
        var json = SweepSpecs.Small();
        json["seeds"] = new JsonArray(0);
        json["grid"] = new JsonObject
        {
            ["$tStep"] = new JsonArray([.. TSteps.Select(v => (JsonNode)v)]),
            ["$tEnd"] = new JsonArray([.. TEnds.Select(v => (JsonNode)v)]),
        };
        json["derived"] = JsonNode.Parse(derived);
        json["constraints"] = new JsonArray([.. constraints.Select(c => (JsonNode)c)]);
        return json;
    }

    [Fact]
    public void AStepSizeRoundedUpToWholeStepsGivesTheAuthorsStepsAndEffectiveStepSize()
    {
        // Banknote, Breast Cancer, Iris: num_steps = ceil(t_end / dt), effective dt = t_end / num_steps; skip dt > t_end.
        var plan = SweepSpecs.Expand(TimeGrid(
            """{"model.blocks[0].steps": "ceil($tEnd / $tStep)", "model.blocks[0].dt": "$tEnd / model.blocks[0].steps"}""",
            "$tStep <= $tEnd"));
        var expected = (from tStep in TSteps from tEnd in TEnds where tStep <= tEnd select (Steps: (int)Math.Ceiling((double)tEnd / tStep), Dt: tEnd / Math.Ceiling((double)tEnd / tStep))).ToArray();
        Assert.Equal(53, expected.Length);
        Assert.Equal(expected, plan.Trials.Select(t => (t.Config.Model.Blocks[0].Steps, t.Config.Model.Blocks[0].Dt)));
        Assert.Equal([11L], plan.Summary.SkippedByConstraints.Select(s => s.Skipped));
        Assert.Contains(plan.Trials, t => t.Config.Model.Blocks[0].Steps == 3 && t.Config.Model.Blocks[0].Dt == 50.0 / 3);
        Assert.Equal(["$tStep", "$tEnd"], plan.Summary.SearchedParameters);
        var searched = plan.Trials[0].SearchedValues();
        Assert.Equal(1, searched["$tStep"]!.GetValue<int>());
        Assert.Equal(10, searched["$tEnd"]!.GetValue<int>());
        Assert.DoesNotContain("tStep", plan.Trials[0].CanonicalJson, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepCountGivesEveryPair()
    {
        // Diabetes: t_step is the number of Euler steps, dt = t_end / t_step, nothing skipped.
        var plan = SweepSpecs.Expand(TimeGrid("""{"model.blocks[0].steps": "$tStep", "model.blocks[0].dt": "$tEnd / $tStep"}"""));
        Assert.Equal(64, plan.Trials.Count);
        Assert.Equal(
            from tStep in TSteps from tEnd in TEnds select (tStep, (double)tEnd / tStep),
            plan.Trials.Select(t => (t.Config.Model.Blocks[0].Steps, t.Config.Model.Blocks[0].Dt)));
    }

    [Fact]
    public void AStepSizeThatMustDivideTheSpanSkipsTheRestWithoutAnError()
    {
        // Energy: integer dt, t_end // dt steps, skipped unless t_end % t_step == 0 and t_step <= t_end. The skipped
        // pairs have fractional step counts, which are no valid configuration; the constraint leaves them out first.
        var plan = SweepSpecs.Expand(TimeGrid(
            """{"model.blocks[0].dt": "$tStep", "model.blocks[0].steps": "$tEnd / $tStep"}""",
            "$tEnd % $tStep == 0 && $tStep <= $tEnd"));
        var expected = (from tStep in TSteps from tEnd in TEnds where tEnd % tStep == 0 && tStep <= tEnd select (tEnd / tStep, (double)tStep)).ToArray();
        Assert.Equal(52, expected.Length);
        Assert.Equal(expected, plan.Trials.Select(t => (t.Config.Model.Blocks[0].Steps, t.Config.Model.Blocks[0].Dt)));
        Assert.Equal([12L], plan.Summary.SkippedByConstraints.Select(s => s.Skipped));
    }

    [Fact]
    public void AnInvalidConfigurationNoConstraintLeavesOutIsStillAnError()
    {
        var error = SweepSpecs.ErrorOf(TimeGrid("""{"model.blocks[0].dt": "$tStep", "model.blocks[0].steps": "$tEnd / $tStep"}"""));
        // The first pair the authors skip: dt 20 over a span of 10 is half a step.
        Assert.Contains("combination 33 of 64 ($tStep = 20, $tEnd = 10) does not fit the configuration", error, StringComparison.Ordinal);
        error = SweepSpecs.ErrorOf(TimeGrid("""{"model.blocks[0].dt": "$tStep", "model.blocks[0].steps": "$tEnd / $tStep"}""", "$tStep <= $tEnd"));
        Assert.Contains("($tStep = 20, $tEnd = 50) does not fit the configuration", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model.blocks[0].steps": "$tStop"}""", "derived[\"model.blocks[0].steps\"]: the variable $tStop is neither searched")]
    [InlineData("""{"model.blocks[0].steps": "$later", "$later": "2"}""", "the variable $later is neither searched (in the grid or the random search) nor derived before it")]
    [InlineData("""{"$tStep": "2"}""", "derived[\"$tStep\"]: $tStep is also searched")]
    [InlineData("""{"model.blocks[0].steps": 2}""", "derived[\"model.blocks[0].steps\"] must be an expression in a string")]
    [InlineData("""{"model.blocks[0].steps": "ceil($tEnd, 2)"}""", "ceil($tEnd, 2)\" is not valid at character 15: ceil takes 1 argument, not 2")]
    [InlineData("""{"$": "1"}""", "The parameter path '$' is not valid at character 2")]
    public void AMistakeInDerivedValuesIsNamed(string derived, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SweepSpecs.Read(TimeGrid(derived))).Message;
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVariableInAConstraintIsNamed()
    {
        var error = Assert.Throws<FormatException>(() => SweepSpecs.Read(TimeGrid("{}", "$dt > 1"))).Message;
        Assert.Contains("constraints[0]: the variable $dt is neither searched", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADerivedValueThatIsNoNumberIsNamedWithItsCombination()
    {
        var error = SweepSpecs.ErrorOf(TimeGrid("""{"model.blocks[0].dt": "$tStep / ($tEnd - 10)"}"""));
        Assert.Contains("combination 1 of 64 ($tStep = 1, $tEnd = 10)", error, StringComparison.Ordinal);
        Assert.Contains("the derived value model.blocks[0].dt = \"$tStep / ($tEnd - 10)\" is the number Infinity", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ceil(2.1) == 3 && floor(-2.5) == -3", true)]
    [InlineData("7 % 3 == 1 && 10000 % 500 == 0 && 50 % 20 == 10", true)]
    [InlineData("min(2, 3) + max(2, 3) == 5", true)]
    [InlineData("2 + 3 % 2 * 4 == 6", true)]
    public void TheExpressionLanguageHasRemaindersAndRounding(string text, bool expected)
    {
        var config = SweepPlan.Normalize(SweepSpecs.Read(SweepSpecs.Small()).Base);
        Assert.Equal(expected, Constraint.Parse(text).IsSatisfiedBy(config));
    }
}
