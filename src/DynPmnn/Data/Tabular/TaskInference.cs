namespace DynPmnn.Data;

/// <summary>How the task of a table was decided, so that a caller can tell the user (and the user can override it).</summary>
/// <param name="Kind">The task decided on.</param>
/// <param name="Inferred">Whether it was inferred from the target values rather than given.</param>
/// <param name="Reason">Why, in a sentence, e.g. "target 'species' holds text ('setosa' on line 2), so it names classes".</param>
public sealed record TaskInference(TaskKind Kind, bool Inferred, string Reason)
{
    public override string ToString() => $"{(Kind == TaskKind.Regression ? "regression" : "classification")} ({Reason})";
}
