using System.Numerics;
using DynPmnn.Layers;
using DynPmnn.Neurons;
using DynPmnn.Neurons.Zoo;
using DynPmnn.Stability;

namespace DynPmnn.Neurons;

/// <summary>
/// Neurons known by name, so a model described in text (a preset, a saved model, the command line) can name its
/// neuron. The library's own neurons are registered; <see cref="Register{TNeuron}"/> adds a user's.
/// </summary>
public static class NeuronCatalog
{
    // Full names are unique; a short name may belong to several neurons (a user's FitzHughNagumo beside the zoo's), and
    // is then ambiguous rather than silently taken by whichever was registered last.
    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, List<string>> ShortNames = new(StringComparer.OrdinalIgnoreCase);

    static NeuronCatalog()
    {
        Register<FitzHughNagumo>();
        Register<FitzHughNagumoClassic>();
        Register<HodgkinHuxley>();
        Register<LeakyIntegrator>();
        Register<Izhikevich>();
        Register<MorrisLecar>();
        Register<HindmarshRose>();
    }

    /// <summary>The registered neurons' descriptors, by short name.</summary>
    public static IReadOnlyList<NeuronDescriptor> All
    {
        get
        {
            lock (Entries)
            {
                return [.. Entries.Values.Select(e => e.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Makes <typeparamref name="TNeuron"/> available under its full name, and under its short name while no other
    /// neuron has it (two neurons of one short name must then be named in full).
    /// </summary>
    public static void Register<TNeuron>()
        where TNeuron : INeuron<TNeuron>
    {
        var descriptor = TNeuron.Descriptor;
        var entry = new Entry(
            descriptor,
            options => new OdeLayer<TNeuron, float>(options),
            options => new OdeLayer<TNeuron, double>(options),
            StabilityAnalysis.AtRest<TNeuron>);
        lock (Entries)
        {
            if (Entries.TryAdd(descriptor.Name, entry))
            {
                var shortName = ShortName(descriptor.Name);
                if (!ShortNames.TryGetValue(shortName, out var full))
                {
                    ShortNames[shortName] = full = [];
                }

                full.Add(descriptor.Name);
            }
        }
    }

    /// <summary>Registers every neuron compiled into <paramref name="assembly"/> (every type implementing <see cref="INeuron{TSelf}"/> for itself).</summary>
    /// <returns>The descriptors of the neurons found.</returns>
    public static IReadOnlyList<NeuronDescriptor> RegisterFrom(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var register = typeof(NeuronCatalog).GetMethod(nameof(Register))!;
        var found = new List<NeuronDescriptor>();
        foreach (var type in LoadableTypes(assembly))
        {
            if (type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INeuron<>) && i.GetGenericArguments()[0] == type))
            {
                register.MakeGenericMethod(type).Invoke(null, null);
                found.Add(Describe(type.FullName!.Replace('+', '.')));
            }
        }

        return found;
    }

    public static NeuronDescriptor Describe(string name) => Find(name).Descriptor;

    /// <summary>Whether <paramref name="name"/> (full, or short and unambiguous) names a registered neuron.</summary>
    public static bool IsRegistered(string name)
    {
        lock (Entries)
        {
            return Entries.ContainsKey(name) || (ShortNames.TryGetValue(name, out var full) && full.Count == 1);
        }
    }

    /// <summary>Whether <paramref name="dt"/> is inside <paramref name="scheme"/>'s stability region at the neuron's resting state with its default parameters.</summary>
    public static StabilityReport StabilityAtRest(string neuron, Integrator scheme, double dt) => Find(neuron).AtRest(scheme, dt);

    /// <summary>An ODE layer of the named neuron.</summary>
    public static Layer<T> CreateLayer<T>(string neuron, OdeLayerOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var entry = Find(neuron);
        return typeof(T) == typeof(float) ? (Layer<T>)(object)entry.Single(options)
            : typeof(T) == typeof(double) ? (Layer<T>)(object)entry.Double(options)
            : throw new NotSupportedException($"ODE layers compute in float or double, not {typeof(T).Name}.");
    }

    public static string ShortName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];

    private static IEnumerable<Type> LoadableTypes(System.Reflection.Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    private static Entry Find(string name)
    {
        lock (Entries)
        {
            if (Entries.TryGetValue(name, out var entry))
            {
                return entry;
            }

            if (ShortNames.TryGetValue(name, out var full))
            {
                return full.Count == 1
                    ? Entries[full[0]]
                    : throw new ArgumentException($"The neuron name '{name}' is ambiguous: it names {string.Join(", ", full.Order(StringComparer.Ordinal))}. Use the full name.", nameof(name));
            }

            var known = string.Join(", ", ShortNames.Keys.Order(StringComparer.Ordinal));
            throw new ArgumentException($"Unknown neuron '{name}'. Known neurons: {known}. Register your own with NeuronCatalog.Register<T>() (or --assembly PATH on the command line).", nameof(name));
        }
    }

    private sealed record Entry(
        NeuronDescriptor Descriptor,
        Func<OdeLayerOptions, Layer<float>> Single,
        Func<OdeLayerOptions, Layer<double>> Double,
        Func<Integrator, double, StabilityReport> AtRest);
}
