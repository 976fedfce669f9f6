using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace DynPmnn.SourceGenerators.Tests;

/// <summary>
/// Walks everything reachable from a pipeline step's output (fields of every object, and the items of every
/// collection) looking for Roslyn objects that tie a cached value to one compilation: symbols, syntax, semantic
/// models and compilations. A model holding one of those never compares equal across edits and keeps the whole
/// compilation alive, so incremental caching silently stops working.
/// </summary>
internal static class PipelineValueWalker
{
    private const int MaxObjects = 200_000;

    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SemanticModel),
        typeof(Compilation),
    ];

    /// <summary>The path to the first forbidden value reachable from <paramref name="root"/>, or null when there is none.</summary>
    public static string? FindForbidden(object? root, string rootName = "output")
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null)
        {
            pending.Push((root, rootName));
        }

        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
            {
                return $"{path} is a {forbidden.Name} ({type.FullName})";
            }

            if (IsLeaf(type) || (!type.IsValueType && !visited.Add(value)))
            {
                continue;
            }

            if (visited.Count > MaxObjects)
            {
                throw new InvalidOperationException($"More than {MaxObjects} objects reachable from {rootName}; the walk is lost in something it should not enter (last: {path}).");
            }

            if (value is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{index}]"));
                    }

                    index++;
                }
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    if (field.GetValue(value) is { } child)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Values with nothing inside worth walking (and reflection types, which reach the whole runtime).</summary>
    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type.IsPointer
        || type == typeof(string) || type == typeof(decimal) || type == typeof(IntPtr) || type == typeof(UIntPtr)
        || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
        || typeof(System.Resources.ResourceManager).IsAssignableFrom(type);
}
