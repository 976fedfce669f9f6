using System.Text;

namespace DynPmnn.Cli.Terminal;

/// <summary>
/// A writer for progress on a terminal: each line replaces the one before it in place, so a long sweep shows one live
/// status line; lines that end a run (a summary) stay. Used only when standard error is a terminal.
/// </summary>
internal sealed class LiveLine(TextWriter terminal, Func<string, bool> keeps) : TextWriter
{
    public override Encoding Encoding => terminal.Encoding;

    public override void WriteLine(string? value)
    {
        var text = value ?? string.Empty;
        terminal.Write($"\r{text}\u001b[K");
        if (keeps(text))
        {
            terminal.WriteLine();
        }

        terminal.Flush();
    }

    public override void Write(char value) => terminal.Write(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            terminal.WriteLine();
        }

        base.Dispose(disposing);
    }
}
