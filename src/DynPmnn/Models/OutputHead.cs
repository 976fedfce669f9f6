namespace DynPmnn.Models;

/// <summary>What a network's outputs mean, and so which loss trains it.</summary>
public enum OutputHead
{
    /// <summary>One output per regression target, trained with the mean squared error.</summary>
    Regression,

    /// <summary>One score (logit) per class, trained with softmax cross-entropy; the highest score is the class.</summary>
    Softmax,

    /// <summary>For two classes: one output, the logit of class 1, trained with binary cross-entropy (PyTorch's BCEWithLogitsLoss).</summary>
    Sigmoid,
}
