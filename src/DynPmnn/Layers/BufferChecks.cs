namespace DynPmnn.Layers;

/// <summary>Argument checks shared by the layers, so a short buffer fails with a message instead of corrupting memory.</summary>
internal static class BufferChecks
{
    public static void Require(int length, int batch, int width, string name)
    {
        if (batch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be non-negative.");
        }

        if (length < (long)batch * width)
        {
            throw new ArgumentException($"'{name}' holds {length} elements but a batch of {batch} × {width} needs {(long)batch * width}.", name);
        }
    }

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> elements, never shrinking it.</summary>
    public static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }
    }
}
