using DynPmnn.SourceGenerators.Symbolic;

namespace DynPmnn.SourceGenerators.Tests.Symbolic;

/// <summary>Evaluates the generator's expressions in double precision, so rewrites can be checked against the original numerically.</summary>
internal static class ExpressionEvaluator
{
    public static double Evaluate(Expr e, IReadOnlyDictionary<Variable, double> values) => e switch
    {
        Constant c => c.Value,
        Variable v => values[v],
        Operation o => o.Op switch
        {
            Operator.Add => Evaluate(o[0], values) + Evaluate(o[1], values),
            Operator.Subtract => Evaluate(o[0], values) - Evaluate(o[1], values),
            Operator.Multiply => Evaluate(o[0], values) * Evaluate(o[1], values),
            Operator.Divide => Evaluate(o[0], values) / Evaluate(o[1], values),
            Operator.Negate => -Evaluate(o[0], values),
            Operator.Power => Math.Pow(Evaluate(o[0], values), Evaluate(o[1], values)),
            Operator.Exp => Math.Exp(Evaluate(o[0], values)),
            Operator.Tanh => Math.Tanh(Evaluate(o[0], values)),
            _ => throw new NotSupportedException(o.Op.ToString()),
        },
        _ => throw new NotSupportedException(e.GetType().Name),
    };
}
