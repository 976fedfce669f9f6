using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace DynPmnn.SourceGenerators.Emit;

/// <summary>
/// Hands out identifiers for generated code that never collide with the user's own names (a state called <c>dt</c> or
/// <c>TL</c> is fine): the first request for a name gets it, later ones get a numbered variant.
/// </summary>
internal sealed class NameTable
{
    private readonly HashSet<string> taken = new();

    public NameTable(IEnumerable<string> reserved)
    {
        foreach (var name in reserved)
        {
            taken.Add(name);
        }
    }

    public bool IsTaken(string name) => taken.Contains(name);

    public string Allocate(string desired)
    {
        var name = desired;
        for (var n = 1; !taken.Add(name); n++)
        {
            name = desired + "_" + n;
        }

        return Escape(name);
    }

    /// <summary>A user's identifier as C# source: <c>@in</c> for a field declared as <c>@in</c>.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
