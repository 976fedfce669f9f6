using System.Reflection;
using DynPmnn.Neurons;

namespace DynPmnn.Cli.CommandLine;

/// <summary>Makes the neurons of a user's compiled assembly nameable on the command line.</summary>
internal static class UserAssembly
{
    public static void Load(string? path)
    {
        if (path is null)
        {
            return;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The assembly {Path.GetFullPath(path)} does not exist.", path);
        }

        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(Path.GetFullPath(path));
        }
        catch (BadImageFormatException error)
        {
            throw new InvalidDataException($"{path} is not a .NET assembly: {error.Message}", error);
        }

        var found = NeuronCatalog.RegisterFrom(assembly);
        if (found.Count == 0)
        {
            throw new ArgumentException($"{path} contains no neuron: declare a partial type with [Neuron] and build it with the DynPmnn generator.");
        }

        Console.Error.WriteLine($"neurons from {Path.GetFileName(path)}: {string.Join(", ", found.Select(d => d.Name))}");
    }
}
