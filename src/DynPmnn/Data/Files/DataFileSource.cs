namespace DynPmnn.Data;

/// <summary>Where a data file was found, in the order the search tries the places.</summary>
public enum DataFileSource
{
    /// <summary>The path the caller named (a file, or a folder holding it).</summary>
    ExplicitPath,

    /// <summary>The folder given as <see cref="DataLocator.DataDirectory"/>.</summary>
    DataDirectory,

    /// <summary>The file named by <see cref="DataLocator.EnvironmentVariable"/> (California Housing only).</summary>
    CaliforniaVariable,

    /// <summary>The folder named by <see cref="DataLocator.DataDirectoryVariable"/>.</summary>
    DataDirectoryVariable,

    /// <summary>The per-user cache folder.</summary>
    Cache,

    /// <summary>Downloaded into the cache just now.</summary>
    Download,
}
