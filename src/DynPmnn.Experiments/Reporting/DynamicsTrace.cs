using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DynPmnn.Dynamics;
using DynPmnn.IO;
using DynPmnn.Layers;
using DynPmnn.Models;

namespace DynPmnn.Experiments.Reporting;

/// <summary>
/// The dynamics of one ODE layer of a trained model on a set of rows: the traced rows' trajectories and references,
/// every row's initial and final states, and per chosen unit its parameters, nullclines and fixed points; saved as
/// figures and one JSON file of the numbers.
/// </summary>
public sealed class DynamicsTrace
{
    /// <summary>The JSON file <see cref="Save"/> writes.</summary>
    public const string JsonFileName = "trace.json";

    private DynamicsTrace(int layerIndex, IOdeLayer layer, int xState, int yState, LayerTrajectories traced, LayerTrajectories everyRow, IReadOnlyList<UnitDynamics> units)
    {
        LayerIndex = layerIndex;
        Layer = layer;
        XState = xState;
        YState = yState;
        Traced = traced;
        EveryRow = everyRow;
        Units = units;
    }

    /// <summary>The layer's index in the network.</summary>
    public int LayerIndex { get; }

    public IOdeLayer Layer { get; }

    /// <summary>The states across and up the phase portraits.</summary>
    public int XState { get; }

    public int YState { get; }

    /// <summary>The traced rows' trajectories, every unit.</summary>
    public LayerTrajectories Traced { get; }

    /// <summary>Every row's trajectories, for where they start and end.</summary>
    public LayerTrajectories EveryRow { get; }

    /// <summary>The chosen units' analyses.</summary>
    public IReadOnlyList<UnitDynamics> Units { get; }

    /// <summary>The indices of the network's ODE layers.</summary>
    public static IReadOnlyList<int> OdeLayers(Sequential<float> network) =>
        [.. network.Layers.Select((l, i) => (l, i)).Where(p => p.l is IOdeLayer).Select(p => p.i)];

    /// <summary>
    /// Traces layer <paramref name="layerIndex"/> of <paramref name="model"/> on <paramref name="rows"/> raw feature rows
    /// (scaled here as in training): the <paramref name="tracedRows"/>' trajectories and references, and for
    /// <paramref name="units"/> their portraits in the plane of states <paramref name="xState"/> and <paramref name="yState"/>.
    /// </summary>
    public static DynamicsTrace Run(TrainedModel model, ReadOnlySpan<float> rawFeatures, int rows, int layerIndex, IReadOnlyList<int> tracedRows, IReadOnlyList<int> units, int xState, int yState)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tracedRows);
        ArgumentNullException.ThrowIfNull(units);
        if (model.Network.Layers.ElementAtOrDefault(layerIndex) is not IOdeLayer layer)
        {
            throw new ArgumentException($"Layer {layerIndex} of the model is not an ODE layer.", nameof(layerIndex));
        }

        var scaled = model.FeatureScaler.Transform(rawFeatures);
        var input = LayerInputs.Of(model.Network, layerIndex, scaled, rows, model.Protocol?.BatchSize ?? 1024);
        var traced = layer.Trace(input, rows, tracedRows);
        var everyRow = layer.Trace(input, rows, [.. Enumerable.Range(0, rows)]);
        var dynamics = layer.Dynamics;
        var options = layer.Options;
        var twoStates = dynamics.StateCount >= 2;
        var analysed = new List<UnitDynamics>();
        foreach (var unit in units)
        {
            var parameters = layer.ParametersOf(unit);
            var values = parameters.Select(p => p.Value).ToArray();
            var references = new ReferenceTrajectory?[tracedRows.Count];
            var errors = new string?[tracedRows.Count];
            for (var r = 0; r < tracedRows.Count; r++)
            {
                try
                {
                    references[r] = ReferenceTrajectory.Solve(dynamics, traced.StatesAt(r, unit, 0), values, traced.Inputs(r, unit), options.Dt, options.Steps);
                }
                catch (ReferenceSolutionException e)
                {
                    errors[r] = e.Message;
                }
            }

            PhasePortrait? portrait = null, endpoints = null;
            if (twoStates && tracedRows.Count > 0)
            {
                // The other states and the drive of the first traced row; for a two-state neuron without inputs from
                // features, the portrait is the same for every row.
                var point = traced.StatesAt(0, unit, 0);
                var drive = traced.Inputs(0, unit);
                var shown = Enumerable.Range(0, tracedRows.Count).SelectMany(r => Enumerable.Range(0, traced.Steps + 1).Select(k => (IReadOnlyList<double>)traced.StatesAt(r, unit, k)))
                    .Concat(references.OfType<ReferenceTrajectory>().SelectMany(f => Enumerable.Range(0, f.Times.Count).Select(p => (IReadOnlyList<double>)Enumerable.Range(0, f.StateCount).Select(s => f.State(p, s)).ToArray())));
                var ends = Enumerable.Range(0, rows).SelectMany(r => new IReadOnlyList<double>[] { everyRow.StatesAt(r, unit, 0), everyRow.StatesAt(r, unit, everyRow.Steps) });
                endpoints = PhasePortrait.Compute(dynamics, PhasePlane.Around(xState, yState, ends), point, values, drive);

                // The traced rows' window also takes in the fixed points among all rows' states, so the portrait shows
                // what the rows move towards or away from.
                portrait = PhasePortrait.Compute(dynamics, PhasePlane.Around(xState, yState, shown.Concat(endpoints.FixedPoints.Select(f => f.States))), point, values, drive);
            }

            analysed.Add(new UnitDynamics(unit, parameters, references, errors, portrait, endpoints));
        }

        return new DynamicsTrace(layerIndex, layer, xState, yState, traced, everyRow, analysed);
    }

    /// <summary>The largest difference between a traced row's steps and its reference at the same times, and where.</summary>
    public (double Error, int Row, string State, double Time)? LargestStepError(UnitDynamics unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        (double Error, int Row, string State, double Time)? worst = null;
        for (var r = 0; r < Traced.Rows.Count; r++)
        {
            if (unit.References[r] is not { } reference)
            {
                continue;
            }

            for (var step = 0; step <= Traced.Steps; step++)
            {
                var exact = reference.StatesAtStep(step);
                for (var s = 0; s < exact.Length; s++)
                {
                    var error = Math.Abs(Traced.State(r, unit.Unit, step, s) - exact[s]);
                    if (worst is null || error > worst.Value.Error || (double.IsNaN(error) && !double.IsNaN(worst.Value.Error)))
                    {
                        worst = (error, Traced.Rows[r], Traced.Neuron.States[s], step * Traced.Dt);
                    }
                }
            }
        }

        return worst;
    }

    /// <summary>One line per unit: its trained parameters, fixed points and the largest step error against the reference.</summary>
    public IEnumerable<string> Summary()
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var unit in Units)
        {
            var parameters = string.Join(", ", unit.Parameters.Select(p => p.IsTrained
                ? string.Create(c, $"{p.Name} {p.Value:G4} (trained from {p.Initial:G4}, default {p.Default:G4})")
                : string.Create(c, $"{p.Name} {p.Value:G4}")));
            var fixedPoints = unit.Portrait is null ? "no phase plane (one state)"
                : unit.Portrait.FixedPoints.Count == 0 ? "no fixed point in view"
                : string.Join("; ", unit.Portrait.FixedPoints.Select(f => $"({string.Join(", ", f.States.Select(v => Tidy(v).ToString("G4", c)))}) {f.Description}, λ = {string.Join(", ", f.Eigenvalues.Select(l => Complex(l, c)))}"));
            var error = LargestStepError(unit) is { } worst
                ? string.Create(c, $"largest step error against RK4 {worst.Error:G3} (row {worst.Row}, {worst.State} at t = {worst.Time:G4})")
                : "no reference solution";
            yield return $"unit {unit.Unit}: {parameters}; fixed points: {fixedPoints}; {error}";
            foreach (var failure in unit.ReferenceErrors.OfType<string>())
            {
                yield return $"unit {unit.Unit}: no reference: {failure}";
            }
        }
    }

    /// <summary>Writes the figures and <see cref="JsonFileName"/> into <paramref name="directory"/> (created if needed); returns the files written.</summary>
    public IReadOnlyList<string> Save(string directory, string modelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var neuron = Traced.Neuron;
        var shortName = Neurons.NeuronCatalog.ShortName(neuron.Name);
        var scheme = string.Create(CultureInfo.InvariantCulture, $"{Layer.Options.Integrator}, dt {Layer.Options.Dt:G4} × {Layer.Options.Steps}");
        void Write(Figure figure, string name)
        {
            using (figure)
            {
                var path = Path.Combine(directory, name);
                figure.SavePng(path);
                written.Add(path);
            }
        }

        foreach (var unit in Units)
        {
            for (var s = 0; s < neuron.States.Count; s++)
            {
                Write(DynamicsFigures.StateOverTime(Traced, unit.Unit, s, unit.References, $"{modelName}: {shortName} unit {unit.Unit}, {neuron.States[s]} ({scheme})"), $"unit{unit.Unit}-{Safe(neuron.States[s])}.png");
            }

            if (unit.Portrait is { } portrait)
            {
                Write(DynamicsFigures.PhasePortrait(portrait, Traced, unit.Unit, unit.References, $"{modelName}: {shortName} unit {unit.Unit} ({scheme})"), $"unit{unit.Unit}-phase.png");
            }

            if (unit.EndpointPortrait is { } endpoints)
            {
                var initial = Enumerable.Range(0, EveryRow.Rows.Count).Select(r => (IReadOnlyList<double>)EveryRow.StatesAt(r, unit.Unit, 0)).ToList();
                var final = Enumerable.Range(0, EveryRow.Rows.Count).Select(r => (IReadOnlyList<double>)EveryRow.StatesAt(r, unit.Unit, EveryRow.Steps)).ToList();
                Write(DynamicsFigures.InitialAndFinalStates(endpoints, initial, final, $"{modelName}: {shortName} unit {unit.Unit}, all {EveryRow.Rows.Count:N0} rows"), $"unit{unit.Unit}-endpoints.png");
            }
        }

        var json = Path.Combine(directory, JsonFileName);
        AtomicFile.WriteAllBytes(json, ToJson(modelName));
        written.Add(json);
        return written;
    }

    /// <summary>The numbers as UTF-8 JSON; non-finite values are written as null.</summary>
    public byte[] ToJson(string modelName)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var neuron = Traced.Neuron;
            var o = Layer.Options;
            w.WriteStartObject();
            w.WriteString("model", modelName);
            w.WriteNumber("layer", LayerIndex);
            w.WriteString("description", Layer.Description);
            w.WriteString("neuron", neuron.Name);
            Strings(w, "states", neuron.States);
            Strings(w, "inputs", neuron.Inputs);
            Strings(w, "equations", neuron.Equations);
            w.WriteString("integrator", o.Integrator.ToString());
            Number(w, "dt", o.Dt);
            w.WriteNumber("steps", o.Steps);
            if (o.StateClamp is { } clamp)
            {
                Number(w, "stateClamp", clamp);
            }
            else
            {
                w.WriteNull("stateClamp");
            }

            w.WriteNumber("dataRows", EveryRow.Rows.Count);
            w.WriteStartArray("tracedRows");
            foreach (var row in Traced.Rows)
            {
                w.WriteNumberValue(row);
            }

            w.WriteEndArray();
            w.WriteStartArray("units");
            foreach (var unit in Units)
            {
                WriteUnit(w, unit);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void WriteUnit(Utf8JsonWriter w, UnitDynamics unit)
    {
        var neuron = Traced.Neuron;
        w.WriteStartObject();
        w.WriteNumber("unit", unit.Unit);
        w.WriteStartArray("parameters");
        foreach (var p in unit.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            Number(w, "value", p.Value);
            Number(w, "default", p.Default);
            Number(w, "initial", p.Initial);
            w.WriteBoolean("trained", p.IsTrained);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        for (var r = 0; r < Traced.Rows.Count; r++)
        {
            w.WriteStartObject();
            w.WriteNumber("row", Traced.Rows[r]);
            Numbers(w, "inputs", Traced.Inputs(r, unit.Unit));
            w.WriteStartArray("steps");
            for (var k = 0; k <= Traced.Steps; k++)
            {
                Numbers(w, null, Traced.StatesAt(r, unit.Unit, k));
            }

            w.WriteEndArray();
            if (unit.References[r] is { } reference)
            {
                w.WriteStartObject("reference");
                w.WriteString("method", "RK4, step halved until two solutions agree");
                Number(w, "tolerance", ReferenceTrajectory.DefaultTolerance);
                w.WriteNumber("substeps", reference.Substeps);
                Number(w, "stepSize", reference.StepSize);
                Number(w, "agreement", reference.Agreement);
                w.WriteStartArray("atSteps");
                for (var k = 0; k <= reference.Steps; k++)
                {
                    Numbers(w, null, reference.StatesAtStep(k));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("referenceError", unit.ReferenceErrors[r]);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        var ends = Enumerable.Range(0, EveryRow.Rows.Count);
        w.WriteStartObject("allRows");
        foreach (var (name, step) in new[] { ("initial", 0), ("final", EveryRow.Steps) })
        {
            var points = ends.Select(r => (IReadOnlyList<double>)EveryRow.StatesAt(r, unit.Unit, step)).ToList();
            w.WriteStartObject(name);
            Numbers(w, "mean", [.. Enumerable.Range(0, neuron.States.Count).Select(s => points.Average(p => p[s]))]);
            Numbers(w, "min", [.. Enumerable.Range(0, neuron.States.Count).Select(s => points.Min(p => p[s]))]);
            Numbers(w, "max", [.. Enumerable.Range(0, neuron.States.Count).Select(s => points.Max(p => p[s]))]);
            if (XState != YState)
            {
                Number(w, "shareInTwoFullestCells", ShareOfTwoCommonest(points, XState, YState));
            }
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (unit.Portrait is { } portrait)
        {
            WritePortrait(w, "portrait", portrait);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// The share of <paramref name="points"/> in the two fullest 0.01 × 0.01 cells of the plane: near 1 when the layer
    /// sends almost every row to one of two states, as a LayerNorm over two features does.
    /// </summary>
    internal static double ShareOfTwoCommonest(IReadOnlyCollection<IReadOnlyList<double>> points, int xState, int yState)
    {
        if (points.Count == 0)
        {
            return double.NaN;
        }

        var counts = points.Where(p => double.IsFinite(p[xState]) && double.IsFinite(p[yState]))
            .GroupBy(p => (Math.Floor(p[xState] * 100), Math.Floor(p[yState] * 100)))
            .Select(g => g.Count())
            .OrderDescending()
            .Take(2)
            .Sum();
        return (double)counts / points.Count;
    }

    private static void WritePortrait(Utf8JsonWriter w, string name, PhasePortrait portrait)
    {
        w.WriteStartObject(name);
        var plane = portrait.Plane;
        w.WriteStartObject("plane");
        w.WriteNumber("xState", plane.XState);
        w.WriteNumber("yState", plane.YState);
        Number(w, "xMin", plane.XMin);
        Number(w, "xMax", plane.XMax);
        Number(w, "yMin", plane.YMin);
        Number(w, "yMax", plane.YMax);
        w.WriteEndObject();
        Numbers(w, "otherStates", [.. portrait.Point]);
        Numbers(w, "inputs", [.. portrait.Inputs]);
        Number(w, "nullclineTolerance", Nullclines.Tolerance);
        w.WriteStartArray("nullclines");
        foreach (var nullcline in new[] { portrait.XNullcline, portrait.YNullcline })
        {
            w.WriteStartObject();
            w.WriteString("state", nullcline.StateName);
            Number(w, "scale", nullcline.Scale);
            w.WriteStartArray("curves");
            foreach (var curve in nullcline.Curves)
            {
                w.WriteStartObject();
                Numbers(w, "x", [.. curve.X]);
                Numbers(w, "y", [.. curve.Y]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("fixedPoints");
        foreach (var point in portrait.FixedPoints)
        {
            w.WriteStartObject();
            Numbers(w, "states", [.. point.States]);
            w.WriteString("type", point.Type.ToString());
            w.WriteString("description", point.Description);
            w.WriteStartArray("eigenvalues");
            foreach (var lambda in point.Eigenvalues)
            {
                w.WriteStartObject();
                Number(w, "re", lambda.Real);
                Number(w, "im", lambda.Imaginary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Numbers(Utf8JsonWriter w, string? name, double[] values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                w.WriteNumberValue(value);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Complex(Complex value, CultureInfo c) =>
        Tidy(value.Imaginary) == 0 ? Tidy(value.Real).ToString("G3", c) : string.Create(c, $"{Tidy(value.Real):G3}{(value.Imaginary < 0 ? "−" : "+")}{Math.Abs(value.Imaginary):G3}i");

    // Newton's method leaves a fixed point at the origin at 1e-17 or so; a reader wants 0.
    private static double Tidy(double value) => Math.Abs(value) < 1e-12 ? 0 : value;

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_'));
}
