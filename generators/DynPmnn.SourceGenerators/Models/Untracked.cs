using System;

namespace DynPmnn.SourceGenerators.Models;

/// <summary>
/// A value carried through the pipeline without taking part in equality: every two are equal. For a model's source
/// location, used only to place an internal-error diagnostic, which must not make a comment edit above the neuron
/// (which moves it) look like a change and regenerate its code.
/// </summary>
internal readonly struct Untracked<T>(T value) : IEquatable<Untracked<T>>
{
    public T Value { get; } = value;

    public bool Equals(Untracked<T> other) => true;

    public override bool Equals(object? obj) => obj is Untracked<T>;

    public override int GetHashCode() => 0;
}
