namespace DynPmnn.Experiments.Sweeps;

/// <summary>A sweep directory cannot be used as asked: it holds another sweep, or a file in it is damaged.</summary>
public sealed class SweepDirectoryException : IOException
{
    public SweepDirectoryException(string message)
        : base(message)
    {
    }

    public SweepDirectoryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
