namespace DynPmnn.Experiments.Sweeps;

/// <summary>Quoting for POSIX shells: a word in single quotes is taken literally, whatever it contains.</summary>
internal static class ShellQuote
{
    /// <summary><paramref name="word"/> as one shell word: bare if it has only safe characters, else single-quoted.</summary>
    public static string Word(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c)))
        {
            return word;
        }

        // A single quote cannot appear inside single quotes: close, add an escaped quote, reopen.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words as one command line.</summary>
    public static string Command(IEnumerable<string> words) => string.Join(' ', words.Select(Word));
}
