using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Loader;
using DynPmnn.CompilerServices;
using DynPmnn.Neurons;
using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// The output of a generator run compiled to an assembly and loaded into this process (in a collectible context that
/// shares the DynPmnn runtime with the tests), so generated kernels can be run and compared with the neuron's own
/// <c>Derivatives</c> method, which is C#'s semantics by construction.
/// </summary>
internal sealed class LoadedNeurons : IDisposable
{
    private readonly Context context;
    private readonly Assembly assembly;

    private LoadedNeurons(Context context, Assembly assembly)
    {
        this.context = context;
        this.assembly = assembly;
    }

    /// <summary>
    /// Runs the generator on <paramref name="sources"/> and compiles its output with optimisations on, failing on any
    /// generator diagnostic or compiler error or warning; the compiler binds the code once, while emitting.
    /// </summary>
    public static LoadedNeurons Compile(params string[] sources) => Compile(sources, warningsInSources: false);

    /// <param name="sources">The neurons' source files.</param>
    /// <param name="warningsInSources">Whether the given sources may have warnings (random ones compare a variable with itself); the generated code never may.</param>
    public static LoadedNeurons Compile(string[] sources, bool warningsInSources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(OptimizationLevel.Release));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.True(generatorDiagnostics.IsEmpty, "Generator diagnostics:\n" + GeneratorRun.Format(generatorDiagnostics));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error
            || (d.Severity == DiagnosticSeverity.Warning && !(warningsInSources && d.Location.SourceTree is { } tree && compilation.SyntaxTrees.Contains(tree)))).ToArray();
        Assert.True(emitted.Success && problems.Length == 0, "Compilation errors and warnings:\n" + GeneratorRun.Format(problems));
        image.Position = 0;
        var context = new Context();
        return new LoadedNeurons(context, context.LoadFromStream(image));
    }

    public LoadedNeuron Neuron(string metadataName) =>
        new(assembly.GetType(metadataName, throwOnError: true)!);

    public void Dispose() => context.Unload();

    /// <summary>Resolves the DynPmnn runtime (and everything else) to what the tests already loaded.</summary>
    private sealed class Context() : AssemblyLoadContext("GeneratedNeurons", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}

/// <summary>One compiled neuron: its own method, the generated point evaluations and the generated lane kernels.</summary>
internal sealed class LoadedNeuron
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    private readonly FieldInfo[] states;
    private readonly FieldInfo[] parameters;
    private readonly FieldInfo[] inputs;
    private readonly MethodInfo derivatives;
    private readonly Dictionary<Type, MethodInfo> rightHandSides = new();

    public LoadedNeuron(Type type)
    {
        Type = type;
        Descriptor = (NeuronDescriptor)Call(nameof(Thunks.Descriptor));
        FieldInfo Field(string name) => type.GetField(name, All) ?? throw new InvalidOperationException($"No field {name} on {type}.");
        states = Descriptor.States.Select(Field).ToArray();
        parameters = Descriptor.Parameters.Select(Field).ToArray();
        inputs = Descriptor.Inputs.Select(Field).ToArray();
        derivatives = type.GetMethod("Derivatives", All)!;
        Kernels = type.Assembly.GetTypes().Single(t => t.IsAbstract && t.IsSealed
            && t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static) is { } p && p.PropertyType == typeof(NeuronDescriptor) && ReferenceEquals(p.GetValue(null), Descriptor));
    }

    public Type Type { get; }

    public Type Kernels { get; }

    public NeuronDescriptor Descriptor { get; }

    public int StateCount => states.Length;

    public int ParameterCount => parameters.Length;

    public int InputCount => inputs.Length;

    /// <summary>The neuron's own <c>Derivatives</c>, run as compiled by C#, on an instance holding the given values.</summary>
    public float[] Derivatives(float[] stateValues, float[] parameterValues, float[] inputValues)
    {
        var instance = Activator.CreateInstance(Type)!;
        Set(states, stateValues);
        Set(parameters, parameterValues);
        Set(inputs, inputValues);
        var arguments = new object?[StateCount];
        derivatives.Invoke(instance, arguments);
        return arguments.Select(a => (float)a!).ToArray();

        void Set(FieldInfo[] fields, float[] values)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i].SetValue(instance, values[i]);
            }
        }
    }

    /// <summary>The generated double-precision right-hand side (INeuron.EvaluateRightHandSide).</summary>
    public double[] EvaluateRightHandSide(double[] stateValues, double[] parameterValues, double[] inputValues)
    {
        var result = new double[StateCount];
        Call(nameof(Thunks.EvaluateRightHandSide), stateValues, parameterValues, inputValues, result);
        return result;
    }

    /// <summary>The generated analytic state Jacobian, row-major (INeuron.EvaluateJacobian).</summary>
    public double[] EvaluateJacobian(double[] stateValues, double[] parameterValues, double[] inputValues)
    {
        var result = new double[StateCount * StateCount];
        Call(nameof(Thunks.EvaluateJacobian), stateValues, parameterValues, inputValues, result);
        return result;
    }

    /// <summary>The generated lane kernel <c>RightHandSide&lt;TL&gt;</c> in float, every lane of a vector width given the same point.</summary>
    public float[] RightHandSide(Lanes lanes, float[] stateValues, float[] parameterValues, float[] inputValues)
    {
        if (!rightHandSides.TryGetValue(lanes.Type, out var method))
        {
            method = Kernels.GetMethod("RightHandSide", All)!.MakeGenericMethod(lanes.Type);
            rightHandSides[lanes.Type] = method;
        }

        var arguments = stateValues.Concat(parameterValues).Concat(inputValues).Select(v => lanes.Broadcast(v)).Concat(new object?[StateCount]).ToArray();
        method.Invoke(null, arguments);
        return arguments.Skip(arguments.Length - StateCount).Select(o => lanes.First(o!)).ToArray();
    }

    /// <summary>
    /// The generated vector–Jacobian product in double: Σᵢ cᵢ ∂fᵢ/∂x for every state, parameter and input x (in that
    /// order), from <c>RightHandSideVjp</c> and <c>Gradients</c> as the reverse pass combines them.
    /// </summary>
    public double[] VectorJacobianProduct(double[] stateValues, double[] parameterValues, double[] inputValues, double[] cotangents)
    {
        var f64 = Lanes.F64x1;
        var vjp = Kernels.GetMethod("RightHandSideVjp", All)!.MakeGenericMethod(typeof(F64x1));
        var sumCount = vjp.GetParameters().Length - (2 * StateCount) - ParameterCount - InputCount - StateCount;
        var arguments = stateValues.Concat(parameterValues).Concat(inputValues).Concat(cotangents).Select(v => f64.Broadcast(v))
            .Concat(new object?[StateCount + sumCount]).ToArray();
        vjp.Invoke(null, arguments);
        var stateGradient = arguments.Skip(StateCount + ParameterCount + InputCount + StateCount).Take(StateCount).Select(o => f64.FirstDouble(o!));
        var sums = arguments.Skip(arguments.Length - sumCount).ToArray();

        // The Heun scheme's gradients leave the sums unscaled (Euler's multiply by the step size).
        var gradients = Kernels.GetMethod("Gradients", All)!.MakeGenericMethod(typeof(F64x1), typeof(HeunScheme));
        var gradientArguments = parameterValues.Select(v => f64.Broadcast(v)).Append(f64.Broadcast(1)).Concat(sums)
            .Concat(new object?[ParameterCount + InputCount]).ToArray();
        gradients.Invoke(null, gradientArguments);
        return stateGradient.Concat(gradientArguments.Skip(gradientArguments.Length - ParameterCount - InputCount).Select(o => f64.FirstDouble(o!))).ToArray();
    }

    private object Call(string thunk, params object[] arguments) =>
        typeof(Thunks).GetMethod(thunk)!.MakeGenericMethod(Type).Invoke(null, arguments)!;

    /// <summary>Calls into a neuron's static interface members, which reflection cannot reach with spans.</summary>
    public static class Thunks
    {
        public static NeuronDescriptor Descriptor<T>()
            where T : INeuron<T> => T.Descriptor;

        public static object? EvaluateRightHandSide<T>(double[] states, double[] parameters, double[] inputs, double[] derivatives)
            where T : INeuron<T>
        {
            T.EvaluateRightHandSide(states, parameters, inputs, derivatives);
            return null;
        }

        public static object? EvaluateJacobian<T>(double[] states, double[] parameters, double[] inputs, double[] jacobian)
            where T : INeuron<T>
        {
            T.EvaluateJacobian(states, parameters, inputs, jacobian);
            return null;
        }
    }
}

/// <summary>A lane type of the generated kernels, with a way to fill every lane and read the first one.</summary>
internal sealed record Lanes(string Name, Type Type, Func<double, object> Broadcast, Func<object, float> First, Func<object, double> FirstDouble)
{
    public static readonly Lanes F32x1 = new(nameof(CompilerServices.F32x1), typeof(F32x1), v => new F32x1((float)v), o => ((F32x1)o).Value, o => ((F32x1)o).Value);
    public static readonly Lanes F32x4 = new(nameof(CompilerServices.F32x4), typeof(F32x4), v => new F32x4(Vector128.Create((float)v)), o => ((F32x4)o).Value[0], o => ((F32x4)o).Value[0]);
    public static readonly Lanes F32x8 = new(nameof(CompilerServices.F32x8), typeof(F32x8), v => new F32x8(Vector256.Create((float)v)), o => ((F32x8)o).Value[0], o => ((F32x8)o).Value[0]);
    public static readonly Lanes F64x1 = new(nameof(CompilerServices.F64x1), typeof(F64x1), v => new F64x1(v), o => (float)((F64x1)o).Value, o => ((F64x1)o).Value);

    /// <summary>The single-precision widths this machine runs (all of them run correctly in software anyway).</summary>
    public static IEnumerable<Lanes> Single => [F32x1, F32x4, F32x8];

    public override string ToString() => Name;
}
