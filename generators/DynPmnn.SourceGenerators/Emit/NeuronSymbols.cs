using System.Collections.Generic;
using System.Linq;
using DynPmnn.SourceGenerators.Models;
using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// A neuron's variables as IR nodes, its right-hand side, every partial derivative of it, and the identifiers the
/// emitted code uses for each (allocated once, clear of the user's names).
/// </summary>
internal sealed class NeuronSymbols
{
    public NeuronSymbols(NeuronModel model)
    {
        Model = model;
        States = model.States.Select((n, i) => new Variable(VariableKind.State, i, n)).ToArray();
        Parameters = model.Parameters.Select((n, i) => new Variable(VariableKind.Parameter, i, n)).ToArray();
        Inputs = model.Inputs.Select((n, i) => new Variable(VariableKind.Input, i, n)).ToArray();
        Cotangents = model.States.Select((n, i) => new Variable(VariableKind.Cotangent, i, "c" + n)).ToArray();
        AllVariables = States.Concat(Parameters).Concat(Inputs).ToArray();
        Derivatives = model.Derivatives.ToArray();

        // One differentiator per variable for all right-hand sides: a node they share is differentiated once.
        Partials = new Expr[Derivatives.Length, AllVariables.Length];
        for (var j = 0; j < AllVariables.Length; j++)
        {
            var differentiator = new Differentiator(AllVariables[j]);
            for (var i = 0; i < Derivatives.Length; i++)
            {
                Partials[i, j] = differentiator.Differentiate(Derivatives[i]);
            }
        }

        // The kernel class's own members are reserved first: a state named Descriptor or StateCount would otherwise
        // become a parameter or local that hides the member in the methods that use it. Such a variable, alone, is
        // written under another name; every other variable keeps its own, for readable generated code.
        var members = KernelEmitter.MemberNames(NeuronEmitter.KernelClassName(model)).ToArray();
        var names = new NameTable(members.Concat(model.States).Concat(model.Parameters).Concat(model.Inputs));
        Names = names;
        var memberSet = new HashSet<string>(members);
        Value = AllVariables.ToDictionary(v => v, v => memberSet.Contains(v.Name) ? names.Allocate(v.Name) : NameTable.Escape(v.Name));
        Derivative = States.Select(s => names.Allocate("d" + s.Name)).ToArray();
        Cotangent = States.Select(s => names.Allocate("c" + s.Name)).ToArray();
        Adjoint = States.Select(s => names.Allocate("a" + s.Name)).ToArray();
        Gradient = AllVariables.ToDictionary(v => v, v => names.Allocate("g" + v.Name));
        Lanes = names.Allocate("TL");
        Element = names.Allocate("TE");
        Scheme = names.Allocate("TScheme");
        Dt = names.Allocate("dt");

        StepSize = new Variable(VariableKind.StepSize, 0, "dt");
        SumPlan = GradientSumPlan.Create(Partials, States.Length, States.Length, Parameters.Length + Inputs.Length);
        Sums = SumPlan.Sums.Select((_, k) => new Variable(VariableKind.GradientSum, k, "s" + k)).ToArray();
        Sum = Sums.Select(v => names.Allocate(v.Name)).ToArray();
    }

    public NeuronModel Model { get; }

    /// <summary>
    /// How the equations, their partial derivatives and the gradient sums are written as text (in the generated
    /// comments and the descriptor): out in full for the usual neuron, with shared subexpressions named for a large one.
    /// </summary>
    public MathText Text => text ??= CreateText();

    public Variable[] States { get; }

    public Variable[] Parameters { get; }

    public Variable[] Inputs { get; }

    /// <summary>States, then parameters, then inputs: the columns of <see cref="Partials"/>.</summary>
    public Variable[] AllVariables { get; }

    /// <summary>Placeholders for the upstream gradients of each state's derivative in a vector–Jacobian product.</summary>
    public Variable[] Cotangents { get; }

    public Expr[] Derivatives { get; }

    /// <summary><c>Partials[i, j]</c> = ∂(d state_i/dt)/∂ <see cref="AllVariables"/>[j].</summary>
    public Expr[,] Partials { get; }

    public NameTable Names { get; }

    public Dictionary<Variable, string> Value { get; }

    public string[] Derivative { get; }

    public string[] Cotangent { get; }

    public string[] Adjoint { get; }

    public Dictionary<Variable, string> Gradient { get; }

    public string Lanes { get; }

    public string Element { get; }

    public string Scheme { get; }

    public string Dt { get; }

    public int StateCount => States.Length;

    /// <summary>The step size as an IR variable.</summary>
    public Variable StepSize { get; }

    /// <summary>How the reverse pass accumulates the gradients of the parameters, then the inputs.</summary>
    public GradientSumPlan SumPlan { get; }

    /// <summary>The gradient sums as IR variables, and the identifiers they have in the generated code.</summary>
    public Variable[] Sums { get; }

    public string[] Sum { get; }

    private MathText? text;

    private MathText CreateText()
    {
        var roots = new List<Expr>(Derivatives);
        foreach (var partial in Partials)
        {
            if (!E.IsZero(partial))
            {
                roots.Add(partial);
            }
        }

        roots.AddRange(Sums.Select((_, k) => SumIncrement(k, Cotangents[SumPlan.Sums[k].State])));
        var taken = new HashSet<string>(AllVariables.Concat(Cotangents).Concat(Sums).Append(StepSize).Select(v => v.Name));
        return MathText.Create(roots, taken.Contains);
    }

    /// <summary>What one gradient sum gains at a point with cotangents cᵢ: c_State · Varying.</summary>
    public Expr SumIncrement(int k, Expr cotangent) => E.Multiply(cotangent, SumPlan.Sums[k].Varying);

    /// <summary>The gradient of parameter or input <paramref name="q"/> (parameters first) from the sums: Σ k · σ.</summary>
    public Expr GradientFromSums(int q)
    {
        Expr result = E.Zero;
        foreach (var term in SumPlan.Terms[q])
        {
            result = E.Add(result, E.Multiply(term.Factor, Sums[term.Sum]));
        }

        return result;
    }

    /// <summary>
    /// The reverse explicit Euler step of this neuron, the <see cref="Cotangents"/> standing for the adjoints: the new
    /// adjoints (see <see cref="EulerReverseStep"/>) and the sums, σ ← σ + a_State · Varying. Euler's sums leave dt out;
    /// it is applied once, when the gradients are formed.
    /// </summary>
    public (Expr[] Adjoints, Expr[] Sums) EulerReverse() =>
        (EulerReverseStep.Adjoints(Partials, Cotangents, StepSize),
         Sums.Select((sum, k) => E.Add(SumIncrement(k, Cotangents[SumPlan.Sums[k].State]), sum)).ToArray());

    /// <summary>
    /// The vector–Jacobian product as expressions: for each variable x, Σᵢ cᵢ · ∂fᵢ/∂x, with the cotangents cᵢ as
    /// variables. Shared subexpressions of the partials are found again when these are emitted together.
    /// </summary>
    public Expr[] VectorJacobianProduct()
    {
        var result = new Expr[AllVariables.Length];
        for (var j = 0; j < AllVariables.Length; j++)
        {
            Expr sum = E.Zero;
            for (var i = 0; i < Derivatives.Length; i++)
            {
                sum = E.Add(sum, E.Multiply(Cotangents[i], Partials[i, j]));
            }

            result[j] = sum;
        }

        return result;
    }
}
