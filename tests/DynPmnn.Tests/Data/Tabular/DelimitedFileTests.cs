using DynPmnn.Data;

namespace DynPmnn.Tests.Data.Tabular;

public class DelimitedFileTests
{
    private static DelimitedFileResult Read(TempDirectory temp, string name, string content, DelimitedFileOptions? options = null) =>
        DelimitedFile.Read(temp.Write(name, content), options);

    private static DataFormatException Fails(TempDirectory temp, string name, string content, DelimitedFileOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => DelimitedFile.Read(temp.Write(name, content), options));

    [Fact]
    public void Regression_LastColumnIsTheTargetByDefault()
    {
        using var temp = new TempDirectory();
        var result = Read(temp, "houses.csv", "rooms,area,price\n3,70.5,250000\n4,95,310000.25\n");
        var data = result.Dataset;

        Assert.Equal("houses", data.Name);
        Assert.Equal(["rooms", "area"], data.FeatureNames);
        Assert.Equal(DatasetTask.Regression("price"), data.Task);
        Assert.Equal([3f, 70.5f, 4f, 95f], data.Features);
        Assert.Equal([250000f, 310000.25f], data.Targets);
        Assert.Equal(',', result.Delimiter);
        Assert.True(result.DelimiterSniffed);
        Assert.True(result.TargetDefaulted);
        Assert.Equal(TaskKind.Regression, result.Task.Kind);
        Assert.True(result.Task.Inferred);
        Assert.Contains("fractional", result.Task.Reason);
        Assert.Equal(new RowOrigin(temp.File("houses.csv"), 3), data.Origin(1));
    }

    [Fact]
    public void MultiTarget_IsARegressionWithOneOutputPerTarget()
    {
        using var temp = new TempDirectory();
        var result = Read(temp, "energy.csv", "y1,x1,y2,x2\n1,10,2,20\n3,30,4,40\n", new DelimitedFileOptions { Target = ["y1", "y2"] });
        var data = result.Dataset;

        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal(DatasetTask.Regression("y1", "y2"), data.Task);
        Assert.Equal(2, data.Task.TargetWidth);
        Assert.Equal([10f, 20f, 30f, 40f], data.Features);
        Assert.Equal([1f, 2f, 3f, 4f], data.Targets);
        Assert.Equal([3f, 4f], data.Target(1).ToArray());
        Assert.False(result.TargetDefaulted);
        Assert.Contains("2 target columns", result.Task.Reason);
    }

    [Fact]
    public void StringLabels_AreClassesInCodePointOrder()
    {
        using var temp = new TempDirectory();
        var result = Read(temp, "flowers.csv", "petal,species\n1.4,setosa\n4.7,versicolor\n6.0,Virginica\n1.3,setosa\n");
        var data = result.Dataset;

        // Upper case sorts before lower case, as numpy.unique sorts str.
        Assert.Equal(DatasetTask.Classification("species", ["Virginica", "setosa", "versicolor"]), data.Task);
        Assert.Equal([1, 2, 0, 1], data.Labels());
        Assert.Equal(TaskKind.Classification, result.Task.Kind);
        Assert.Contains("'setosa' on line 2", result.Task.Reason);
        Assert.Equal([1, 2, 1], data.Summarize().ClassCounts);
    }

    [Fact]
    public void FewDistinctIntegers_AreClasses_SortedNumerically_ManyAreARegression()
    {
        using var temp = new TempDirectory();
        var labels = Read(temp, "codes.csv", "x,y\n1,10\n2,2\n3,10\n4,-1\n5,2.0\n").Dataset;
        Assert.Equal(DatasetTask.Classification("y", ["-1", "2", "10"]), labels.Task);
        Assert.Equal([2, 1, 2, 0, 1], labels.Labels());

        var counts = string.Concat(Enumerable.Range(0, 11).Select(i => $"{i},{i}\n"));
        var many = Read(temp, "counts.csv", "x,y\n" + counts);
        Assert.Equal(TaskKind.Regression, many.Dataset.Task.Kind);
        Assert.Contains("more than 10 distinct", many.Task.Reason);

        var forced = Read(temp, "counts2.csv", "x,y\n" + counts, new DelimitedFileOptions { Task = TaskKind.Classification });
        Assert.Equal(11, forced.Dataset.Task.ClassCount);
        Assert.False(forced.Task.Inferred);

        var asNumber = Read(temp, "codes2.csv", "x,y\n1,0\n2,1\n", new DelimitedFileOptions { Task = TaskKind.Regression });
        Assert.Equal(DatasetTask.Regression("y"), asNumber.Dataset.Task);
    }

    [Fact]
    public void TabSemicolonAndPipe_AreSniffed()
    {
        using var temp = new TempDirectory();
        foreach (var delimiter in new[] { '\t', ';', '|' })
        {
            var result = Read(temp, "t.txt", $"a{delimiter}b{delimiter}c\n1{delimiter}2,5{delimiter}3\n", new DelimitedFileOptions { Features = ["a"] });
            Assert.Equal(delimiter, result.Delimiter);
            Assert.Equal(["a"], result.Dataset.FeatureNames);
            Assert.Equal(["b"], result.UnusedColumns);
        }
    }

    [Fact]
    public void QuotedFields_WithDelimitersAndLineBreaks_KeepLineNumbersRight()
    {
        using var temp = new TempDirectory();
        var csv = "id,\"note, long\",x,y\n"
            + "1,\"a, b\",1.5,0\n"
            + "2,\"first line\nsecond line\nthird\",2.5,1\n"
            + "3,\"say \"\"hi\"\"\",3.5,0\n";
        var result = Read(temp, "q.csv", csv, new DelimitedFileOptions { Drop = ["id", "note, long"] });
        var data = result.Dataset;
        Assert.Equal([1.5f, 2.5f, 3.5f], data.Features);
        Assert.Equal([2, 3, 6], Enumerable.Range(0, 3).Select(r => data.Origin(r).Line));

        // An error after a multi-line quoted field names the line an editor shows.
        var e = Fails(temp, "q2.csv", csv + "4,\"x\",oops,1\n", new DelimitedFileOptions { Drop = ["id", "note, long"], CategoricalFeatures = CategoricalFeatures.Reject });
        Assert.Equal(7, e.LineNumber);
        Assert.Equal(3, e.ColumnNumber);
        Assert.Contains("q2.csv, line 7, column 3 (x): 'oops' is not a number", e.Message);

        var crlf = Read(temp, "q3.csv", csv.Replace("\n", "\r\n", StringComparison.Ordinal), new DelimitedFileOptions { Drop = ["id", "note, long"] });
        Assert.Equal([2, 3, 6], Enumerable.Range(0, 3).Select(r => crlf.Dataset.Origin(r).Line));
    }

    [Fact]
    public void CategoricalFeatures_AreOneHotEncoded_OrRefused()
    {
        using var temp = new TempDirectory();
        var csv = "colour,size,y\nred,1,0.5\nblue,2,1.5\ngreen,3,2.5\nred,4,3.5\n";
        var result = Read(temp, "c.csv", csv);
        var data = result.Dataset;
        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size"], data.FeatureNames);
        Assert.Equal([0f, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 3, 0, 0, 1, 4], data.Features);
        var colour = Assert.Single(data.Schema.Features, f => f.Kind == FeatureKind.Categorical);
        Assert.Equal(["blue", "green", "red"], colour.Categories);
        Assert.Contains(result.Describe(), l => l.StartsWith("one-hot: 'colour' into 3 features", StringComparison.Ordinal));

        var e = Fails(temp, "c2.csv", csv, new DelimitedFileOptions { CategoricalFeatures = CategoricalFeatures.Reject });
        Assert.Equal(2, e.LineNumber);
        Assert.Equal(1, e.ColumnNumber);
        Assert.Equal("colour", e.ColumnName);
        Assert.Contains("'red' is not a number", e.Message);

        var ids = "name,x,y\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"n{i},{i},{i}.5\n"));
        var tooMany = Fails(temp, "ids.csv", ids, new DelimitedFileOptions { MaxCategories = 4 });
        Assert.Contains("more than 4 distinct values", tooMany.Message);
        Assert.Equal("name", tooMany.ColumnName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("nan")]
    [InlineData("NULL")]
    [InlineData("?")]
    [InlineData("None")]
    public void MissingValues_AreErrorsNamingFileLineAndColumn(string missing)
    {
        using var temp = new TempDirectory();
        var e = Fails(temp, "m.csv", $"a,b,y\n1,2,3.5\n4,{missing},6.5\n");
        Assert.Equal(3, e.LineNumber);
        Assert.Equal(2, e.ColumnNumber);
        Assert.Equal("b", e.ColumnName);
        Assert.StartsWith($"{temp.File("m.csv")}, line 3, column 2 (b): the value is missing", e.Message);
    }

    [Fact]
    public void MissingValueInADroppedColumn_IsNoError()
    {
        using var temp = new TempDirectory();
        var data = Read(temp, "m.csv", "id,a,y\n,1,3.5\nNA,4,6.5\n", new DelimitedFileOptions { Drop = ["id"] }).Dataset;
        Assert.Equal([1f, 4f], data.Features);
    }

    [Theory]
    [InlineData("1e39", "beyond the range of a 32-bit float")]
    [InlineData("-1e39", "beyond the range of a 32-bit float")]
    [InlineData("1e400", "infinite")]
    [InlineData("Infinity", "infinite")]
    public void NumbersAFloatCannotHold_AreErrors(string value, string problem)
    {
        using var temp = new TempDirectory();
        var feature = Fails(temp, "f.csv", $"a,y\n1,2.5\n{value},3.5\n");
        Assert.Equal(3, feature.LineNumber);
        Assert.Equal("a", feature.ColumnName);
        Assert.Contains(problem, feature.Message);

        var target = Fails(temp, "t.csv", $"a,y\n1,2.5\n2,{value}\n");
        Assert.Equal(3, target.LineNumber);
        Assert.Equal("y", target.ColumnName);
        Assert.Contains(problem, target.Message);
    }

    [Fact]
    public void WrongFieldCount_NamesTheLine()
    {
        using var temp = new TempDirectory();
        var e = Fails(temp, "w.csv", "a,b,y\n1,2,3\n\n4,5\n");
        Assert.Equal(4, e.LineNumber);
        Assert.Contains("w.csv, line 4: found 2 ','-separated field(s), but the header on line 1 has 3", e.Message);
        var extra = Fails(temp, "w2.csv", "a,b,y\n1,2,3,4\n");
        Assert.Equal(2, extra.LineNumber);
    }

    [Fact]
    public void OverlongRow_FailsFast_NamingItsLine()
    {
        using var temp = new TempDirectory();
        var e = Fails(temp, "long.csv", "a,y\n1,2\n" + new string('7', 5000) + ",1\n", new DelimitedFileOptions { MaxRowLength = 1000 });
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("1,000 characters", e.Message);

        var unclosed = Fails(temp, "quote.csv", "a,y\n\"1,2\n" + string.Concat(Enumerable.Repeat("3,4\n", 400)), new DelimitedFileOptions { MaxRowLength = 1000 });
        Assert.Equal(2, unclosed.LineNumber);
        Assert.Contains("quote is never closed", unclosed.Message);
    }

    [Fact]
    public void DefaultRowLimit_IsOneMebibyte()
    {
        Assert.Equal(1_048_576, DelimitedFile.DefaultMaxRowLength);
        Assert.Equal(1_048_576, new DelimitedFileOptions().MaxRowLength);
    }

    [Fact]
    public void HeaderProblems_AreErrorsOnTheHeaderLine()
    {
        using var temp = new TempDirectory();
        var duplicate = Fails(temp, "d.csv", "a,b,a\n1,2,3\n");
        Assert.Equal(1, duplicate.LineNumber);
        Assert.Contains("names column 'a' twice (columns 1 and 3)", duplicate.Message);

        var unknownTarget = Fails(temp, "u.csv", "a,b,c\n1,2,3\n", new DelimitedFileOptions { Target = ["z"] });
        Assert.Contains("there is no column 'z' (named as a target). The header has 'a', 'b', 'c'.", unknownTarget.Message);
        var unknownFeature = Fails(temp, "u.csv", "a,b,c\n1,2,3\n", new DelimitedFileOptions { Features = ["a", "q"] });
        Assert.Contains("no column 'q' (named as a feature)", unknownFeature.Message);
        var unknownDrop = Fails(temp, "u.csv", "a,b,c\n1,2,3\n", new DelimitedFileOptions { Drop = ["id"] });
        Assert.Contains("no column 'id' (named as a column to drop)", unknownDrop.Message);

        var empty = Fails(temp, "e.csv", "\n\n");
        Assert.Contains("the file is empty", empty.Message);
        var headerOnly = Fails(temp, "h.csv", "a,b\n");
        Assert.Contains("no rows of data", headerOnly.Message);
        var ambiguous = Fails(temp, "amb.csv", "a,b;c\n1,2;3\n");
        Assert.Contains("cannot be told", ambiguous.Message);

        // Blank lines before the header are skipped and still counted.
        var late = Fails(temp, "late.csv", "\n\na,a\n1,2\n");
        Assert.Equal(3, late.LineNumber);
    }

    [Fact]
    public void TextThatIsNotUtf8_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = temp.File("latin1.csv");
        File.WriteAllBytes(path, [.. "city,y\n"u8, (byte)'M', 0xFC, (byte)'n', (byte)'c', (byte)'h', (byte)'e', (byte)'n', (byte)',', (byte)'1', (byte)'\n']);
        var e = Assert.Throws<DataFormatException>(() => DelimitedFile.Load(path));
        Assert.Contains("not UTF-8 text", e.Message);
        Assert.Contains("save it as UTF-8", e.Message);
    }

    [Fact]
    public void ContradictoryOptions_AreArgumentErrors()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("o.csv", "a,b,c\n1,2,3\n");
        Assert.Throws<ArgumentException>(() => DelimitedFile.Load(path, new DelimitedFileOptions { Features = ["a"], Drop = ["b"] }));
        Assert.Throws<ArgumentException>(() => DelimitedFile.Load(path, new DelimitedFileOptions { Target = ["a"], Features = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => DelimitedFile.Load(path, new DelimitedFileOptions { Target = ["b", "c"], Task = TaskKind.Classification }));
        Assert.Throws<FileNotFoundException>(() => DelimitedFile.Load(temp.File("absent.csv")));
    }

    [Fact]
    public void OneClassOnly_IsAnError()
    {
        using var temp = new TempDirectory();
        var e = Fails(temp, "one.csv", "x,y\n1,cat\n2,cat\n");
        Assert.Contains("every row has the label 'cat'", e.Message);
    }

    [Fact]
    public void SpacesAroundCells_AndAnUnnamedIndexColumn_AreHandled()
    {
        using var temp = new TempDirectory();
        var data = Read(temp, "s.csv", ",a, b ,y\n0, 1 , 2,3\n", new DelimitedFileOptions { Drop = ["Unnamed: 0"], Target = ["y"] }).Dataset;
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1f, 2f], data.Features);
    }
}
