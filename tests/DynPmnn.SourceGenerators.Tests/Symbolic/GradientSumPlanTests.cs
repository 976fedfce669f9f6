using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Tests.Symbolic;

/// <summary>The plan that turns per-step parameter gradients into a few sums and an end-of-pass combination.</summary>
public sealed class GradientSumPlanTests
{
    private static readonly Variable V = new(VariableKind.State, 0, "V");
    private static readonly Variable W = new(VariableKind.State, 1, "W");
    private static readonly Variable A = new(VariableKind.Parameter, 0, "A");
    private static readonly Variable B = new(VariableKind.Parameter, 1, "B");
    private static readonly Variable G = new(VariableKind.Parameter, 2, "G");
    private static readonly Variable I = new(VariableKind.Input, 0, "I");

    private static readonly Variable[] States = [V, W];
    private static readonly Variable[] Columns = [V, W, A, B, G, I];

    /// <summary>The paper's FitzHugh–Nagumo: dV = I − V(V − A)(V − 1) − W, dW = B(V − G·W).</summary>
    private static Expr[] Derivatives() =>
    [
        E.Subtract(E.Subtract(I, E.Multiply(E.Multiply(V, E.Subtract(V, A)), E.Subtract(V, E.One))), W),
        E.Multiply(B, E.Subtract(V, E.Multiply(G, W))),
    ];

    private static Expr[,] Partials(Expr[] derivatives) => PartialDerivatives.Of(derivatives, Columns);

    [Fact]
    public void FitzHughNagumoNeedsFourSumsAndTheRecoveryGradientsShareOne()
    {
        var plan = GradientSumPlan.Create(Partials(Derivatives()), 2, 2, 4);

        Assert.Equal(4, plan.Sums.Count);
        var shared = plan.Sums.Select((sum, k) => (sum, k)).Single(p => p.sum.State == 1 && p.sum.Varying.Equals(W)).k;
        Assert.Contains(plan.Terms[1], t => t.Sum == shared); // ∂(dW)/∂B = V − G·W
        Assert.Contains(plan.Terms[2], t => t.Sum == shared); // ∂(dW)/∂G = −B·W
        Assert.Single(plan.Terms[3]); // ∂(dV)/∂I = 1
        Assert.Equal(E.One, plan.Sums[plan.Terms[3][0].Sum].Varying);
    }

    [Fact]
    public void GradientsFromTheSumsEqualTheDirectVectorJacobianProductOverSeveralSteps()
    {
        var derivatives = Derivatives();
        var partials = Partials(derivatives);
        var plan = GradientSumPlan.Create(partials, 2, 2, 4);
        var random = new Random(7);
        var parameters = new Dictionary<Variable, double> { [A] = 0.2, [B] = 0.02, [G] = 3, [I] = 0.05 };
        var direct = new double[4];
        var sums = new double[plan.Sums.Count];
        for (var step = 0; step < 5; step++)
        {
            var at = new Dictionary<Variable, double>(parameters) { [V] = (2 * random.NextDouble()) - 1, [W] = random.NextDouble() };
            var cotangents = new[] { random.NextDouble() - 0.5, random.NextDouble() - 0.5 };
            for (var q = 0; q < 4; q++)
            {
                for (var i = 0; i < 2; i++)
                {
                    direct[q] += cotangents[i] * ExpressionEvaluator.Evaluate(partials[i, 2 + q], at);
                }
            }

            for (var k = 0; k < sums.Length; k++)
            {
                sums[k] += cotangents[plan.Sums[k].State] * ExpressionEvaluator.Evaluate(plan.Sums[k].Varying, at);
            }
        }

        for (var q = 0; q < 4; q++)
        {
            var fromSums = plan.Terms[q].Sum(t => ExpressionEvaluator.Evaluate(t.Factor, parameters) * sums[t.Sum]);
            Assert.Equal(direct[q], fromSums, 12);
        }
    }

    [Fact]
    public void ASumWhoseTermsAreNotSingleVariablesStaysWhole()
    {
        // ∂/∂A of A·(V² + W·V) is V² + W·V: splitting it would cost a sum per term, so it is one sum.
        var f = E.Multiply(A, E.Add(E.Multiply(V, V), E.Multiply(W, V)));
        var partials = new Expr[1, 1] { { Differentiator.Differentiate(f, A) } };
        var plan = GradientSumPlan.Create(partials, 1, 0, 1);
        Assert.Single(plan.Sums);
        Assert.Equal(partials[0, 0], plan.Sums[0].Varying);
    }
}
