namespace DynPmnn.Training;

/// <summary>The loss became NaN or infinite, so further training is meaningless.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, int? batch, double loss)
        : base(batch is { } b
            ? $"Training diverged: the training loss of epoch {epoch}, batch {b} is {loss}. Lower the learning rate, or look for inputs or a layer that overflow."
            : $"Training diverged: the validation loss after epoch {epoch} is {loss}. Lower the learning rate, or look for inputs or a layer that overflow.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>The epoch, counted from 1 (0 for a batch trained outside <see cref="Trainer.Fit"/>).</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch, counted from 1, or null when it was the validation loss.</summary>
    public int? Batch { get; }

    /// <summary>The non-finite loss.</summary>
    public double Loss { get; }
}
