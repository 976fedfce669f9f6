using System.Text.Json.Nodes;

namespace DynPmnn.Experiments.Sweeps;

/// <summary>
/// One point of a sweep figure: a value of the x parameter (and of the y one, for a heat map), the best configuration's
/// mean over seeds and the median of the configurations' means there, or null where no trial has a result.
/// </summary>
/// <param name="X">The x parameter's value.</param>
/// <param name="Y">The y parameter's value, or null for a curve.</param>
/// <param name="Best">The best configuration's mean over its seeds, by the metric's direction.</param>
/// <param name="Median">The median over the configurations' means.</param>
/// <param name="Configurations">How many configurations have a result here.</param>
/// <param name="Failed">How many trials here failed or have no value of the metric.</param>
public sealed record SweepFigureCell(JsonNode? X, JsonNode? Y, double? Best, double? Median, int Configurations, int Failed);
