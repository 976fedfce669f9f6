using System;
using System.Text;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>An indented writer for generated source: layout decided here, never by reformatting syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder builder = new();
    private int indent;

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            builder.Append(' ', indent * 4);
        }

        builder.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes the header line (if any), then an opening brace, and indents.</summary>
    public SourceWriter OpenBlock(string header)
    {
        if (header.Length > 0)
        {
            WriteLine(header);
        }

        WriteLine("{");
        indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        indent--;
        WriteLine("}" + suffix);
        return this;
    }

    public IDisposable Block(string header)
    {
        OpenBlock(header);
        return new Closer(this);
    }

    public override string ToString() => builder.ToString();

    private sealed class Closer(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.CloseBlock();
    }
}
