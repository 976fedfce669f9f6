using DynPmnn.Experiments.Reporting;

namespace DynPmnn.Tests.Reporting;

public sealed class ResultTableTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "dynpmnn-tests-" + Guid.NewGuid().ToString("N"));

    public ResultTableTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TextAlignsColumnsAndRightAlignsNumbers()
    {
        var table = new ResultTable("model", "params", "test MSE", "note")
            .AddRow("NODE", 1234, 0.25, "ok")
            .AddRow("CfC", 56, "0.2412 ± 0.0031", "")
            .AddRow("DNN (baseline)", 7, 1e-5f, "two\nlines");

        Assert.Equal(
            "model           params         test MSE  note\n"
            + "--------------  ------  ---------------  ---------\n"
            + "NODE              1234             0.25  ok\n"
            + "CfC                 56  0.2412 ± 0.0031\n"
            + "DNN (baseline)       7            1E-05  two lines\n",
            table.ToText());
    }

    [Fact]
    public void CsvQuotesCommasQuotesAndLineBreaks()
    {
        var table = new ResultTable("name", "value")
            .AddRow("a,b", 1.5)
            .AddRow("say \"hi\"", -2)
            .AddRow("two\nlines", null)
            .AddRow(" padded", "plain");

        Assert.Equal(
            "name,value\r\n"
            + "\"a,b\",1.5\r\n"
            + "\"say \"\"hi\"\"\",-2\r\n"
            + "\"two\nlines\",\r\n"
            + "\" padded\",plain\r\n",
            table.ToCsv());
    }

    [Fact]
    public void NumbersUseTheInvariantRoundTripForm()
    {
        var row = new ResultTable("a", "b", "c", "d").AddRow(0.1 + 0.2, 1.1f, 3m, double.NaN).Rows[0];
        Assert.Equal(["0.30000000000000004", "1.1", "3", "NaN"], row);
    }

    [Fact]
    public void RowsMustMatchTheHeader()
    {
        Assert.Throws<ArgumentException>(() => new ResultTable("a", "b").AddRow("only one"));
        Assert.Throws<ArgumentException>(() => new ResultTable());
    }

    [Fact]
    public void SaveCsvWritesUtf8WithoutTemporaryFiles()
    {
        var path = Path.Combine(directory, "results.csv");
        File.WriteAllText(path, "stale");
        var table = new ResultTable("model", "MSE ± σ").AddRow("NODE", "0.25 ± 0.01");
        table.SaveCsv(path);

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(table.ToCsv(), System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(["results.csv"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }
}
