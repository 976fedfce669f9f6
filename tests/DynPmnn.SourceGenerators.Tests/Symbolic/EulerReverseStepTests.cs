using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Tests.Symbolic;

/// <summary>The reverse Euler step a ← (I + dt·Jᵀ) a, with foldable entries rewritten on invariant coefficients.</summary>
public sealed class EulerReverseStepTests
{
    private static readonly Variable V = new(VariableKind.State, 0, "V");
    private static readonly Variable W = new(VariableKind.State, 1, "W");
    private static readonly Variable A = new(VariableKind.Parameter, 0, "A");
    private static readonly Variable B = new(VariableKind.Parameter, 1, "B");
    private static readonly Variable I = new(VariableKind.Input, 0, "I");
    private static readonly Variable Dt = new(VariableKind.StepSize, 0, "dt");
    private static readonly Variable[] Adjoints = [new(VariableKind.Cotangent, 0, "aV"), new(VariableKind.Cotangent, 1, "aW")];

    public static TheoryData<string> Systems() => ["paper FitzHugh–Nagumo", "exponential coupling"];

    /// <summary>The paper's FitzHugh–Nagumo (every entry foldable), and a system with an exponential entry (not foldable).</summary>
    private static Expr[] Derivatives(string system) => system == "paper FitzHugh–Nagumo"
        ?
        [
            E.Subtract(E.Subtract(I, E.Multiply(E.Multiply(V, E.Subtract(V, A)), E.Subtract(V, E.One))), W),
            E.Multiply(B, E.Subtract(V, E.Multiply(E.Const(3), W))),
        ]
        :
        [
            E.Subtract(E.Multiply(A, E.Apply(Operator.Exp, E.Negate(W))), V),
            E.Multiply(B, E.Subtract(E.Multiply(V, V), W)),
        ];

    [Theory]
    [MemberData(nameof(Systems))]
    public void TheRewrittenStepEqualsAPlusDtTimesJTransposeA(string system)
    {
        var derivatives = Derivatives(system);
        var states = new[] { V, W };
        var partials = PartialDerivatives.Of(derivatives, states);

        var step = EulerReverseStep.Adjoints(partials, Adjoints, Dt);
        var random = new Random(3);
        for (var trial = 0; trial < 5; trial++)
        {
            var at = new Dictionary<Variable, double>
            {
                [V] = (2 * random.NextDouble()) - 1,
                [W] = random.NextDouble(),
                [A] = 0.2,
                [B] = 0.02,
                [I] = 0.05,
                [Dt] = 0.1,
                [Adjoints[0]] = random.NextDouble() - 0.5,
                [Adjoints[1]] = random.NextDouble() - 0.5,
            };
            for (var j = 0; j < 2; j++)
            {
                var expected = at[Adjoints[j]];
                for (var i = 0; i < 2; i++)
                {
                    expected += 0.1 * at[Adjoints[i]] * ExpressionEvaluator.Evaluate(partials[i, j], at);
                }

                Assert.Equal(expected, ExpressionEvaluator.Evaluate(step[j], at), 12);
            }
        }
    }

    /// <summary>
    /// In the paper's FitzHugh–Nagumo every entry is invariant or a polynomial in V, so no entry is left as
    /// "dt·aᵢ times the partial"; the exponential entry of the other system is.
    /// </summary>
    [Theory]
    [InlineData("paper FitzHugh–Nagumo", false)]
    [InlineData("exponential coupling", true)]
    public void OnlyEntriesThatAreNotPolynomialsAreEvaluatedAsWritten(string system, bool expectUnfolded)
    {
        var derivatives = Derivatives(system);
        var states = new[] { V, W };
        var partials = PartialDerivatives.Of(derivatives, states);

        var scaledAdjoints = Adjoints.Select(a => E.Multiply(Dt, a)).ToArray();
        var unfolded = EulerReverseStep.Adjoints(partials, Adjoints, Dt)
            .SelectMany(Subexpressions)
            .Any(e => e is Operation { Op: Operator.Multiply } m && scaledAdjoints.Contains(m[0]) && Subexpressions(m[1]).Any(x => x.Equals(V) || x.Equals(W)));
        Assert.Equal(expectUnfolded, unfolded);
    }

    private static IEnumerable<Expr> Subexpressions(Expr e) => new[] { e }.Concat(e.Children.SelectMany(Subexpressions));
}
