namespace DynPmnn.Serialization;

/// <summary>A model file that cannot be loaded into the network at hand; the message says what is wrong.</summary>
public sealed class ModelFormatException : IOException
{
    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
