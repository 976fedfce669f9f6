namespace DynPmnn.Models;

/// <summary>The kinds of network a <see cref="ModelSpec"/> describes.</summary>
public enum ModelKind
{
    /// <summary>Blocks of Dense → LayerNorm → SiLU → ODE layer, then a Dense head (the paper's DynPMNN and its extensions).</summary>
    DynPmnn,

    /// <summary>Neural ODE: Dense, an MLP(LayerNorm([h, t])) vector field integrated over [0, 1], Dense.</summary>
    NeuralOde,

    /// <summary>Closed-form continuous-time network (ncps's CfC cell on one step), Dense.</summary>
    Cfc,

    /// <summary>A plain ReLU multilayer perceptron.</summary>
    Dnn,
}
