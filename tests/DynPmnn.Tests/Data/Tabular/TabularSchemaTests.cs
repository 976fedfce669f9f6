using System.Globalization;
using System.Text.Json;
using DynPmnn.Data;

namespace DynPmnn.Tests.Data.Tabular;

public class TabularSchemaTests
{
    private const string Training = "id,colour,size,weight,kind\n1,red,1,0.5,cat\n2,blue,2,1.5,dog\n3,green,3,2.5,cat\n";

    private static TabularSchema TrainedSchema(TempDirectory temp) =>
        DelimitedFile.Read(temp.Write("train.csv", Training), new DelimitedFileOptions { Drop = ["id"] }).Schema;

    [Fact]
    public void Schema_RecordsColumnsCategoriesAndClasses()
    {
        using var temp = new TempDirectory();
        var schema = TrainedSchema(temp);
        Assert.Equal(["colour", "size", "weight"], schema.Features.Select(f => f.Name));
        Assert.Equal([FeatureKind.Categorical, FeatureKind.Numeric, FeatureKind.Numeric], schema.Features.Select(f => f.Kind));
        Assert.Equal(["blue", "green", "red"], schema.Features[0].Categories);
        Assert.Equal(["kind"], schema.Targets);
        Assert.Equal(TaskKind.Classification, schema.Task);
        Assert.Equal(["cat", "dog"], schema.ClassNames);
        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size", "weight"], schema.EncodedFeatureNames);
        Assert.Equal(5, schema.EncodedWidth);
    }

    [Fact]
    public void Schema_SurvivesJsonRoundTrip()
    {
        using var temp = new TempDirectory();
        var schema = TrainedSchema(temp);
        var json = JsonSerializer.Serialize(schema);
        Assert.Contains("\"Kind\":\"Categorical\"", json);
        Assert.Contains("\"Task\":\"Classification\"", json);
        Assert.DoesNotContain("EncodedFeatureNames", json);

        var back = JsonSerializer.Deserialize<TabularSchema>(json)!;
        back.Validate();
        Assert.Equal(schema, back);
        Assert.Equal(schema.EncodedFeatureNames, back.EncodedFeatureNames);
    }

    [Fact]
    public void NewRows_AreEncodedLikeTheTrainingRows_ColumnsMatchedByName()
    {
        using var temp = new TempDirectory();
        var schema = TrainedSchema(temp);
        var rows = schema.ReadFile(temp.Write("new.tsv", "weight\tnote\tcolour\tsize\n7.5\thello\tred\t4\n0.25\tbye\tblue\t5\n"));

        Assert.Equal(2, rows.Rows);
        Assert.Equal(5, rows.Columns);
        Assert.Equal([0f, 0, 1, 4, 7.5f, 1, 0, 0, 5, 0.25f], rows.Features);
        Assert.Null(rows.Targets);
        Assert.Equal(["note"], rows.IgnoredColumns);
        Assert.Equal('\t', rows.Delimiter);
        Assert.Equal(3, rows.Origins[1].Line);
        Assert.Throws<InvalidOperationException>(() => rows.ToDataset("new"));
    }

    [Fact]
    public void NewRows_WithTheTarget_FormADataSet()
    {
        using var temp = new TempDirectory();
        var schema = TrainedSchema(temp);
        var rows = schema.ReadFile(temp.Write("eval.csv", "kind,colour,size,weight\ndog,green,1,2\ncat,red,3,4\n"));
        Assert.Equal([1f, 0f], rows.Targets!);
        var data = rows.ToDataset("eval");
        Assert.Equal([1, 0], data.Labels());
        Assert.Equal(schema, data.Schema);
    }

    [Fact]
    public void NewRows_Problems_NameFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var schema = TrainedSchema(temp);

        var category = Assert.Throws<DataFormatException>(() => schema.ReadFile(temp.Write("a.csv", "colour,size,weight\nred,1,2\npurple,1,2\n")));
        Assert.Equal(temp.File("a.csv") + ", line 3, column 1 (colour): 'purple' is not one of the column's categories ('blue', 'green', 'red').", category.Message);

        var label = Assert.Throws<DataFormatException>(() => schema.ReadFile(temp.Write("b.csv", "colour,size,weight,kind\nred,1,2,bird\n")));
        Assert.Equal(temp.File("b.csv") + ", line 2, column 4 (kind): 'bird' is not one of the classes ('cat', 'dog').", label.Message);

        var missingColumn = Assert.Throws<DataFormatException>(() => schema.ReadFile(temp.Write("c.csv", "colour,weight\nred,2\n")));
        Assert.Equal(1, missingColumn.LineNumber);
        Assert.Contains("lacks the feature column(s) 'size'. The header has 'colour', 'weight'.", missingColumn.Message);

        var missingValue = Assert.Throws<DataFormatException>(() => schema.ReadFile(temp.Write("d.csv", "colour,size,weight\nred,NA,2\n")));
        Assert.Equal((2, 2, "size"), (missingValue.LineNumber!.Value, missingValue.ColumnNumber!.Value, missingValue.ColumnName!));

        var tooLarge = Assert.Throws<DataFormatException>(() => schema.ReadFile(temp.Write("e.csv", "colour,size,weight\nred,1,1e39\n")));
        Assert.Contains("line 2, column 3 (weight): '1e39' is beyond the range of a 32-bit float", tooLarge.Message);
    }

    [Fact]
    public void BuiltInSchema_ReadsRawRowsWithScikitLearnsColumnNames()
    {
        using var temp = new TempDirectory();
        var iris = Iris.Load(TestData.SharedFile("iris.csv"));
        // As pandas writes load_iris(as_frame=True).frame, with an index column, the columns in another order.
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { ",petal width (cm),target,sepal length (cm),sepal width (cm),petal length (cm)" };
        foreach (var row in new[] { 0, 75, 149 })
        {
            var f = iris.Row(row);
            lines.Add(string.Create(c, $"{row},{f[3]},{iris.Label(row)},{f[0]},{f[1]},{f[2]}"));
        }

        var rows = BuiltInDatasets.Iris.Schema.ReadFile(temp.Write("frame.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal(iris.Select([0, 75, 149]).Features, rows.Features);
        Assert.Equal([0f, 1f, 2f], rows.Targets!);
        Assert.Equal(["Unnamed: 0"], rows.IgnoredColumns);

        // Class names are accepted in the label column as well as indices.
        var named = BuiltInDatasets.Iris.Schema.ReadFile(temp.Write("named.csv", "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target\n5,3,1.5,0.2,virginica\n"));
        Assert.Equal([2f], named.Targets!);
        var outOfRange = Assert.Throws<DataFormatException>(() => BuiltInDatasets.Iris.Schema.ReadFile(
            temp.Write("bad.csv", "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target\n5,3,1.5,0.2,3\n")));
        Assert.Contains("'3' is not a class index 0..2 or a class name ('setosa', 'versicolor', 'virginica')", outOfRange.Message);
    }

    [Fact]
    public void NumericLabels_MatchByValue()
    {
        using var temp = new TempDirectory();
        var schema = DelimitedFile.Read(temp.Write("t.csv", "x,y\n1,0\n2,1\n3,2\n")).Schema;
        Assert.Equal(["0", "1", "2"], schema.ClassNames);
        Assert.False(schema.LabelsAreClassIndices);
        var rows = schema.ReadFile(temp.Write("n.csv", "x,y\n5,2.0\n6,0\n"));
        Assert.Equal([2f, 0f], rows.Targets!);
    }

    [Fact]
    public void Validate_RejectsBrokenSchemas()
    {
        var numeric = new FeatureColumn { Name = "a", Kind = FeatureKind.Numeric };
        Assert.Throws<InvalidDataException>(() => new TabularSchema { Features = [], Targets = ["y"] }.Validate());
        Assert.Throws<InvalidDataException>(() => new TabularSchema { Features = [numeric, numeric], Targets = ["y"] }.Validate());
        Assert.Throws<InvalidDataException>(() => new TabularSchema { Features = [numeric], Targets = ["a"] }.Validate());
        Assert.Throws<InvalidDataException>(() => new TabularSchema
        {
            Features = [new FeatureColumn { Name = "c", Kind = FeatureKind.Categorical }],
            Targets = ["y"],
        }.Validate());
        var oneClass = Assert.Throws<InvalidDataException>(() => new TabularSchema
        {
            Features = [numeric], Targets = ["y"], Task = TaskKind.Classification, ClassNames = ["only"],
        }.Validate());
        Assert.Contains("at least two classes", oneClass.Message);
    }
}
