using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DynPmnn.Data;

/// <summary>
/// UCI's Energy Efficiency data (<c>ENB2012_data.xlsx</c>, Tsanas and Xifara 2012): eight parameters of 768 simulated
/// buildings (X1..X8) and their heating and cooling loads (Y1, Y2).
/// </summary>
/// <remarks>
/// The workbook's first sheet holds the table; its name is Greek (<c>Φύλλο1</c>), so it is found as the first sheet, not
/// by name. The sheet declares the range A1:L1297 but only 769 rows and 10 columns hold values (the rest are formatted
/// but empty), so empty rows and columns are dropped as pandas' <c>read_excel</c> drops them.
/// </remarks>
public static class EnergyEfficiency
{
    /// <summary>The built-in data set's name.</summary>
    public const string Name = "energy";

    /// <summary>UCI's file name.</summary>
    public const string FileName = "ENB2012_data.xlsx";

    /// <summary>SHA-256 of UCI's workbook (copies re-saved by a spreadsheet program have other bytes).</summary>
    public const string Sha256 = "0089fcffc1415e41e2ff63730cca5280efe54fc43d722dfde1b0aaa808e35dc4";

    /// <summary>Buildings.</summary>
    public const int RowCount = 768;

    /// <summary>The header the sheet must have: X1..X8, Y1, Y2.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } = ["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "Y1", "Y2"];

    /// <summary>The meanings of X1..X8, used as feature names.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "relative compactness", "surface area", "wall area", "roof area",
        "overall height", "orientation", "glazing area", "glazing area distribution",
    ];

    /// <summary>The meanings of Y1 and Y2, used as target names.</summary>
    public static IReadOnlyList<string> TargetNames { get; } = ["heating load", "cooling load"];

    /// <summary>Reads the workbook's first sheet.</summary>
    /// <exception cref="DataFormatException">The file is not a readable workbook, the header differs, or a cell is empty or not a number; the message names the sheet and cell.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Sheet table;
        try
        {
            using var stream = File.OpenRead(path);
            table = ReadFirstSheet(stream, path);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or FileFormatException or InvalidOperationException)
        {
            throw new DataFormatException(path, null, $"not a readable .xlsx workbook ({e.Message}); the file is damaged or incomplete.", e);
        }

        return ToDataset(table);
    }

    private static Sheet ReadFirstSheet(Stream stream, string path)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new DataFormatException(path, null, "the workbook has no workbook part.");
        var first = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault()
            ?? throw new DataFormatException(path, null, "the workbook has no sheets.");
        var sheetName = first.Name?.Value ?? "sheet 1";
        var source = $"{path}[{sheetName}]";
        if (first.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            throw new DataFormatException(source, null, "the first sheet is not a worksheet.");
        }

        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
        var cells = new Dictionary<(int Row, int Column), SheetCell>();
        var rowNumber = 0;
        foreach (var row in part.Worksheet.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            rowNumber = row.RowIndex?.Value is { } index ? checked((int)index) : rowNumber + 1;
            var columnNumber = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                columnNumber = cell.CellReference?.Value is { } reference ? ColumnOf(reference, source) : columnNumber + 1;
                var text = CellText(cell, shared, source, rowNumber, columnNumber);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    var isNumber = cell.DataType is null || cell.DataType.Value == CellValues.Number;
                    cells[(rowNumber, columnNumber)] = new SheetCell(text, isNumber);
                }
            }
        }

        return new Sheet(source, cells);
    }

    private static Dataset ToDataset(Sheet sheet)
    {
        // Rows and columns without any value are dropped, as pandas drops them.
        var rows = sheet.Cells.Keys.Select(k => k.Row).Distinct().Order().ToArray();
        var columns = sheet.Cells.Keys.Select(k => k.Column).Distinct().Order().ToArray();
        if (rows.Length == 0)
        {
            throw new DataFormatException(sheet.Source, null, "the sheet is empty.");
        }

        var header = columns.Select(c => sheet.Cells.TryGetValue((rows[0], c), out var cell) ? cell.Text.Trim() : "").ToArray();
        if (!header.SequenceEqual(HeaderNames))
        {
            throw new DataFormatException(
                sheet.Source, rows[0], $"expected the header {string.Join(" ", HeaderNames)} in the filled columns, found {string.Join(" ", header.Select(h => h.Length == 0 ? "(empty)" : h))}.");
        }

        var dataRows = rows.Length - 1;
        var features = new float[dataRows * FeatureNames.Count];
        var targets = new float[dataRows * TargetNames.Count];
        var lines = new int[dataRows];
        for (var r = 0; r < dataRows; r++)
        {
            var row = rows[r + 1];
            lines[r] = row;
            for (var k = 0; k < columns.Length; k++)
            {
                var value = NumberAt(sheet, row, columns[k], header[k]);
                if (k < FeatureNames.Count)
                {
                    features[r * FeatureNames.Count + k] = value;
                }
                else
                {
                    targets[r * TargetNames.Count + k - FeatureNames.Count] = value;
                }
            }
        }

        return new Dataset(Name, features, FeatureNames, targets, DatasetTask.Regression([.. TargetNames]), RowOrigins.FromLines(sheet.Source, lines));
    }

    private static float NumberAt(Sheet sheet, int row, int column, string header)
    {
        var reference = $"{ColumnLetters(column)}{row}";
        if (!sheet.Cells.TryGetValue((row, column), out var cell))
        {
            throw new DataFormatException(sheet.Source, row, column, header, $"cell {reference} is empty; every row of the table needs all ten values.");
        }

        var value = 0.0;
        var kind = cell.IsNumber ? Cells.ParseNumber(cell.Text, out value) : CellNumber.NotANumber;
        if (kind != CellNumber.Finite)
        {
            throw new DataFormatException(sheet.Source, row, column, header, $"cell {reference}: {Cells.Explain(kind, cell.Text)}; every value of the table must be a number.");
        }

        return (float)value;
    }

    private static string? CellText(Cell cell, string[] shared, string source, int row, int column)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var text = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString && text is not null)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= shared.Length)
            {
                throw new DataFormatException(source, row, column, null, $"cell {ColumnLetters(column)}{row} refers to shared string {text}, which the workbook lacks.");
            }

            return shared[index];
        }

        return text;
    }

    /// <summary>The 1-based column of a cell reference such as <c>C17</c> (C is 3).</summary>
    private static int ColumnOf(string reference, string source)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = checked(column * 26 + (c - 'A' + 1));
            }
            else
            {
                break;
            }
        }

        return column > 0 ? column : throw new DataFormatException(source, null, $"'{reference}' is not a cell reference.");
    }

    /// <summary>The letters of a 1-based column: 1 is A, 27 is AA.</summary>
    private static string ColumnLetters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }

        return letters;
    }

    private sealed record SheetCell(string Text, bool IsNumber);

    private sealed record Sheet(string Source, Dictionary<(int Row, int Column), SheetCell> Cells);
}
