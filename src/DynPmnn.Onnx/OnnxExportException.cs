namespace DynPmnn.Onnx;

/// <summary>A network that cannot be written as ONNX, with the reason and, where there is one, what to use instead.</summary>
public sealed class OnnxExportException(string message) : Exception(message);
