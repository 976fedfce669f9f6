namespace DynPmnn.Experiments.Paper;

/// <summary>The models of the authors' study, by the name <c>--models</c> gives them on every data set.</summary>
public static class PaperRole
{
    public const string DynPmnn = "dynpmnn";
    public const string NeuralOde = "node";
    public const string Cfc = "cfc";
    public const string Dnn = "dnn";
    public const string Tree = "tree";

    /// <summary>The authors' five, in the order of their tables.</summary>
    public static IReadOnlyList<string> Authors { get; } = [DynPmnn, NeuralOde, Cfc, Dnn, Tree];
}
