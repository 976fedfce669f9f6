namespace DynPmnn.Data;

/// <summary>Where a row of a data set was read from.</summary>
/// <param name="Source">The file, archive entry (<c>archive.tgz:entry</c>) or sheet (<c>file.xlsx[sheet]</c>).</param>
/// <param name="Line">The 1-based line of the file, or row of the sheet, where the row starts.</param>
public readonly record struct RowOrigin(string Source, int Line)
{
    /// <summary>For example <c>iris.csv, line 12</c>, the form error messages use.</summary>
    public override string ToString() => $"{Source}, line {Line}";
}
