using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data.BuiltIn;

/// <summary>Copies of the real workbook with one cell edited: each problem names the sheet and the cell.</summary>
public class EnergyWorkbookTests
{
    /// <summary>A copy of ENB2012_data.xlsx with <paramref name="edit"/> applied to cell <paramref name="reference"/> of its first sheet.</summary>
    private static string EditedCopy(TempDirectory temp, string reference, Action<Cell> edit)
    {
        var path = temp.File("ENB2012_data.xlsx");
        File.Copy(TestData.SharedFile("ENB2012_data.xlsx"), path);
        using var document = SpreadsheetDocument.Open(path, isEditable: true);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        edit(part.Worksheet.Descendants<Cell>().Single(c => c.CellReference?.Value == reference));
        part.Worksheet.Save();
        return path;
    }

    [Fact]
    public void TextInACell_NamesTheSheetAndCell()
    {
        using var temp = new TempDirectory();
        var path = EditedCopy(temp, "C17", cell =>
        {
            cell.DataType = CellValues.InlineString;
            cell.CellValue = null;
            cell.InlineString = new InlineString(new Text("n/a"));
        });

        var e = Assert.Throws<DataFormatException>(() => EnergyEfficiency.Load(path));
        Assert.Equal($"{path}[Φύλλο1], line 17, column 3 (X3): cell C17: 'n/a' is not a number; every value of the table must be a number.", e.Message);
    }

    [Fact]
    public void AnEmptyCell_InsideTheTable_NamesTheCell()
    {
        using var temp = new TempDirectory();
        var path = EditedCopy(temp, "I20", cell => cell.Remove());
        var e = Assert.Throws<DataFormatException>(() => EnergyEfficiency.Load(path));
        Assert.Contains("[Φύλλο1], line 20, column 9 (Y1): cell I20 is empty", e.Message);
    }

    [Fact]
    public void AnotherHeader_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = EditedCopy(temp, "A1", cell =>
        {
            cell.DataType = CellValues.InlineString;
            cell.CellValue = null;
            cell.InlineString = new InlineString(new Text("Z1"));
        });
        var e = Assert.Throws<DataFormatException>(() => EnergyEfficiency.Load(path));
        Assert.Contains("expected the header X1 X2 X3 X4 X5 X6 X7 X8 Y1 Y2 in the filled columns, found Z1 X2", e.Message);
    }
}
