using System.Text.Json.Nodes;
using DynPmnn.Experiments.Sweeps;

namespace DynPmnn.Tests.Sweeps;

/// <summary>Spec files are read strictly, and every error names the file, the member or path, and the value.</summary>
public sealed class SweepSpecTests
{
    [Fact]
    public void ASmallSpecReadsWithItsDefaults()
    {
        var spec = SweepSpecs.Read(SweepSpecs.Small());
        Assert.Equal("small", spec.Name);
        Assert.Equal([0, 1], spec.SeedList);
        Assert.Equal(SelectionDirection.Min, spec.Direction);
        Assert.Equal(SweepSplit.Paper, spec.Base.Split);
        Assert.Equal(32, spec.Base.Protocol.BatchSize);
        Assert.Equal(["min_delta 0.0 as actually run"], spec.Deviations);
    }

    [Fact]
    public void AnUnknownMemberIsRefusedWithItsPathAndLine()
    {
        var text = SweepSpecs.Small().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
            .Replace("\"maxEpochs\"", "\"maxEpoch\"", StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => SweepSpec.Parse(text, "spec.json")).Message;
        Assert.StartsWith("spec.json: ", error, StringComparison.Ordinal);
        Assert.Contains("maxEpoch", error, StringComparison.Ordinal);
        Assert.Contains("$.base.protocol.maxEpoch", error, StringComparison.Ordinal);
        Assert.Matches(@"\(line \d+\)", error);
    }

    [Fact]
    public void AMissingFileNamesIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SweepSpec.Load("/nonexistent/spec.json")).Message;
        Assert.Contains("/nonexistent/spec.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGridPathThatIsNotAMemberIsNamed()
    {
        var json = SweepSpecs.Small();
        json["grid"]!["protocol.learnRate"] = new JsonArray(0.1);
        var error = SweepSpecs.ErrorOf(json);
        Assert.Contains("grid[\"protocol.learnRate\"] value 0.1 does not fit the configuration", error, StringComparison.Ordinal);
        Assert.Contains("learnRate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGridPathThroughAMissingMemberOrIndexIsNamed()
    {
        var member = SweepSpecs.Small();
        member["grid"]!["model.block[0].dt"] = new JsonArray(1.0);
        var memberError = SweepSpecs.ErrorOf(member);
        Assert.Contains("model.block[0].dt: model has no member 'block'", memberError, StringComparison.Ordinal);

        var index = SweepSpecs.Small();
        index["grid"]!["model.blocks[3].dt"] = new JsonArray(1.0);
        Assert.Contains("model.blocks[3].dt: index 3 is outside model.blocks, which has 1 item(s)", SweepSpecs.ErrorOf(index), StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsNamedWithItsPath()
    {
        var json = SweepSpecs.Small();
        json["grid"]!["protocol.batchSize"] = new JsonArray(16, "many");
        var error = SweepSpecs.ErrorOf(json);
        Assert.Contains("grid[\"protocol.batchSize\"] value \"many\" does not fit the configuration", error, StringComparison.Ordinal);
        Assert.Contains("$.protocol.batchSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidValueIsNamedWithItsCombination()
    {
        var json = SweepSpecs.Small();
        json["grid"]!["model.blocks[0].units"] = new JsonArray(2, 0);
        var error = SweepSpecs.ErrorOf(json);
        Assert.Contains("model.blocks[0].units = 0", error, StringComparison.Ordinal);
        Assert.Contains("blocks[0].units is 0", error, StringComparison.Ordinal);

        var rate = SweepSpecs.Small();
        rate["grid"]!["protocol.learningRate"] = new JsonArray(-1);
        Assert.Contains("protocol: The learning rate is -1", SweepSpecs.ErrorOf(rate), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed", "3", "give either seeds (a list) or seed (one), not both")]
    [InlineData("seeds", "[]", "no seed")]
    [InlineData("seeds", "[1, 1]", "repeat a seed")]
    [InlineData("name", "\"my sweep\"", "name 'my sweep' must be")]
    [InlineData("metric", "\" \"", "metric is empty")]
    [InlineData("direction", "\"up\"", "direction")]
    [InlineData("grid", "{\"protocol.batchSize\": []}", "grid[\"protocol.batchSize\"] must be a non-empty list")]
    [InlineData("grid", "{\"protocol..batchSize\": [1]}", "The parameter path 'protocol..batchSize' is not valid at character 10")]
    [InlineData("random", "{\"count\": 0, \"seed\": 1, \"parameters\": {\"protocol.weightDecay\": {\"uniform\": [0, 1]}}}", "random.count is 0")]
    [InlineData("random", "{\"count\": 2, \"seed\": 1, \"parameters\": {\"protocol.weightDecay\": {\"uniform\": [1, 0]}}}", "random.parameters[\"protocol.weightDecay\"].uniform must be [low, high] with low < high")]
    [InlineData("random", "{\"count\": 2, \"seed\": 1, \"parameters\": {\"protocol.weightDecay\": {\"logUniform\": [0, 1]}}}", "logUniform must be [low, high] with 0 < low < high")]
    [InlineData("random", "{\"count\": 2, \"seed\": 1, \"parameters\": {\"protocol.weightDecay\": {\"uniform\": [0, 1], \"int\": [0, 1]}}}", "must give exactly one of choice, uniform, logUniform or int; it gives 2")]
    [InlineData("random", "{\"count\": 2, \"seed\": 1, \"parameters\": {\"protocol.learningRate\": {\"uniform\": [0.1, 1]}}}", "protocol.learningRate is also in the grid")]
    [InlineData("random", "{\"count\": 2, \"seed\": 1, \"parameters\": {\"protocol.maxEpochs\": {\"gauss\": [0, 1]}}}", "random.parameters[\"protocol.maxEpochs\"]: The JSON property 'gauss'")]
    [InlineData("constraints", "[\"protocol.batchSize <\"]", "constraints[0]: The constraint \"protocol.batchSize <\" is not valid at character 21: an operand is missing at the end")]
    [InlineData("constraints", "[\"protocol.batchSize < 'a'\"]", "unexpected '''")]
    [InlineData("selection", "\"best\"", "selection 'best' is no rule; use \"classification\"")]
    public void EachMistakeIsNamed(string member, string value, string expected)
    {
        var json = SweepSpecs.Small();
        json[member] = JsonNode.Parse(value);
        var error = SweepSpecs.ErrorOf(json);
        Assert.StartsWith("test.json: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "spec", "validLoss")]
    [InlineData("classification", "classification", "validAccuracy")]
    [InlineData("regression", "regression", "validLoss")]
    public void TheSpecNamesTheRuleReportsSelectBy(string? selection, string rule, string firstMetric)
    {
        var json = SweepSpecs.Small();
        json["selection"] = selection;
        var spec = SweepSpecs.Read(json);
        Assert.Equal(rule, SelectionRule.Of(spec).Name);
        Assert.Equal(rule, SelectionRule.Named("spec", spec).Name);
        Assert.Equal(firstMetric, SelectionRule.Of(spec).Keys[0].Metric);
    }

    [Fact]
    public void ARandomValueOfTheWrongTypeIsNamed()
    {
        var json = SweepSpecs.Small();
        json["random"] = JsonNode.Parse("""{"count": 2, "seed": 1, "parameters": {"protocol.maxEpochs": {"uniform": [1, 10]}}}""");
        var error = SweepSpecs.ErrorOf(json);
        Assert.Contains("random.parameters[\"protocol.maxEpochs\"] value", error, StringComparison.Ordinal);
        Assert.Contains("$.protocol.maxEpochs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AConstraintOnAMissingPathIsNamed()
    {
        var json = SweepSpecs.Small();
        json["constraints"] = new JsonArray("model.blocks[0].tEnd >= model.blocks[0].dt");
        var error = SweepSpecs.ErrorOf(json);
        Assert.Contains("model.blocks[0].tEnd", error, StringComparison.Ordinal);
        Assert.Contains("has no member 'tEnd'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSpecWritesAndReadsBackTheSame()
    {
        var spec = SweepSpecs.Read(SweepSpecs.Small());
        var again = SweepSpec.Parse(spec.ToJson());
        Assert.Equal(spec.ToJson(), again.ToJson());
    }
}
