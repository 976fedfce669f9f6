using DynPmnn.Data;

namespace DynPmnn.Tests.Data;

public class CaliforniaHousingTests
{
    // The first and last lines of the StatLib file, and two more rows.
    private const string FirstLine = "-122.230000,37.880000,41.000000,880.000000,129.000000,322.000000,126.000000,8.325200,452600.000000";
    private const string SecondLine = "-122.220000,37.860000,21.000000,7099.000000,1106.000000,2401.000000,1138.000000,8.301400,358500.000000";
    private const string LastLine = "-121.240000,39.370000,16.000000,2785.000000,616.000000,1387.000000,530.000000,2.388600,89400.000000";

    // Derived by hand from FirstLine: MedInc, HouseAge, 880/126, 129/126, Population, 322/126, Latitude, Longitude;
    // target 452600/100000. Each is the double result rounded once to float.
    private static readonly float[] FirstRowFeatures =
        [(float)8.3252, 41f, (float)6.984126984126984, (float)1.0238095238095237, 322f, (float)2.5555555555555554, (float)37.88, (float)-122.23];

    private const float FirstRowTarget = (float)4.526;

    // From LastLine: 2785/530, 616/530, 1387/530; target 89400/100000.
    private static readonly float[] LastRowFeatures =
        [(float)2.3886, 16f, (float)5.254716981132075, (float)1.1622641509433962, 1387f, (float)2.616981132075472, (float)39.37, (float)-121.24];

    private const float LastRowTarget = (float)0.894;

    private static Dataset Read(string text, string name = "test.data") => CaliforniaHousing.ReadText(new StringReader(text), name);

    [Fact]
    public void AValueBeyondFloat_IsAnErrorNamingLineAndColumn()
    {
        const string Row = "-122.23,37.88,41.0,880.0,129.0,322.0,126.0,8.3252,452600.0\n";
        var error = Assert.Throws<DataFormatException>(() => Read(Row + "-122.23,37.88,41.0,1e39,129.0,322.0,126.0,8.3252,452600.0\n"));
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("column 4 (totalRooms) is '1e39', which is beyond the range of float", error.Message);
    }

    [Fact]
    public void AnAbsurdlyLongLine_FailsAsItIsRead()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("1," + new string('9', 2_000_000) + "\n"));
        Assert.Equal(1, error.LineNumber);
        Assert.Contains("longer than 1,048,576 characters", error.Message);
    }

    [Fact]
    public void RealFile_HasAllRowsAndScikitLearnFeatures()
    {
        var data = CaliforniaHousing.Load(TestData.CalHousingPath);

        Assert.Equal(20640, data.Rows);
        Assert.Equal(CaliforniaHousing.RowCount, data.Rows);
        Assert.Equal(["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"], data.FeatureNames);
        Assert.Equal("MedHouseVal", data.TargetName);
        Assert.Equal(FirstRowFeatures, data.Row(0).ToArray());
        Assert.Equal(FirstRowTarget, data.Targets[0]);
        Assert.Equal(LastRowFeatures, data.Row(data.Rows - 1).ToArray());
        Assert.Equal(LastRowTarget, data.Targets[^1]);
        Assert.All(data.Features, v => Assert.True(float.IsFinite(v)));
        Assert.InRange(data.Targets.Min(), 0.14f, 0.15f);
        Assert.InRange(data.Targets.Max(), 5.0f, 5.00002f);
    }

    [Fact]
    public void Archive_ReadsTheSameRowsAsTheRawFile()
    {
        using var temp = new TempDirectory();
        var raw = File.ReadAllText(TestData.CalHousingPath);
        var archive = temp.File("cal_housing.tgz");
        File.WriteAllBytes(archive, TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, raw));

        var fromArchive = CaliforniaHousing.Load(archive);
        var fromRaw = Read(raw);

        Assert.Equal(fromRaw.Features, fromArchive.Features);
        Assert.Equal(fromRaw.Targets, fromArchive.Targets);
    }

    [Fact]
    public void Archive_IsRecognisedByContentNotName()
    {
        using var temp = new TempDirectory();
        var path = temp.File("download.bin");
        File.WriteAllBytes(path, TestData.MakeTgz("./" + CaliforniaHousing.ArchiveEntryName, FirstLine + "\n"));
        var data = CaliforniaHousing.Load(path);
        Assert.Equal(FirstRowFeatures, data.Row(0).ToArray());
    }

    [Fact]
    public void Archive_WithoutTheEntry_IsAFormatError()
    {
        using var temp = new TempDirectory();
        var path = temp.File("other.tgz");
        File.WriteAllBytes(path, TestData.MakeTgz("CaliforniaHousing/cal_housing.domain", "longitude: continuous.\n"));
        var e = Assert.Throws<DataFormatException>(() => CaliforniaHousing.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(CaliforniaHousing.ArchiveEntryName, e.Message);
        Assert.Null(e.LineNumber);
    }

    [Fact]
    public void CorruptArchive_IsAFormatError()
    {
        using var temp = new TempDirectory();
        var path = temp.File("broken.tgz");
        var bytes = TestData.MakeTgz(CaliforniaHousing.ArchiveEntryName, FirstLine + "\n");
        File.WriteAllBytes(path, bytes.AsSpan(0, 12).ToArray());
        var e = Assert.Throws<DataFormatException>(() => CaliforniaHousing.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ConcurrentLoadsOfTheRawFileAgree()
    {
        // Each read parses its rows in a buffer of its own; a shared one once mixed rows of concurrent reads. Dedicated
        // threads released together make the reads overlap whatever the test host's thread pool does.
        var expected = CaliforniaHousing.Load(TestData.CalHousingPath);
        const int readers = 4;
        for (var round = 0; round < 5; round++)
        {
            var results = new Dataset[readers];
            using var start = new Barrier(readers);
            var threads = Enumerable.Range(0, readers).Select(k => new Thread(() =>
            {
                start.SignalAndWait();
                results[k] = CaliforniaHousing.Load(TestData.CalHousingPath);
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            foreach (var result in results)
            {
                Assert.Equal(expected.Features, result.Features);
                Assert.Equal(expected.Targets, result.Targets);
            }
        }
    }

    [Fact]
    public void RawFile_ToleratesCrLfBlankLinesAndNoFinalNewline()
    {
        var data = Read(FirstLine + "\r\n\r\n" + SecondLine + "\r\n" + LastLine);
        Assert.Equal(3, data.Rows);
        Assert.Equal(FirstRowFeatures, data.Row(0).ToArray());
        Assert.Equal(LastRowFeatures, data.Row(2).ToArray());
    }

    [Fact]
    public void CsvWithRawHeader_InAnyOrder_DerivesTheSameFeatures()
    {
        var csv = "households,medianHouseValue,medianIncome,longitude,latitude,housingMedianAge,totalRooms,totalBedrooms,population\n"
            + "126,452600,8.3252,-122.23,37.88,41,880,129,322\n";
        var data = Read(csv);
        Assert.Equal(FirstRowFeatures, data.Row(0).ToArray());
        Assert.Equal(FirstRowTarget, data.Targets[0]);
    }

    [Fact]
    public void CsvWithDerivedHeader_IsTakenAsIs()
    {
        // As pandas writes fetch_california_housing(as_frame=True).frame, with a quoted header and an index column.
        var csv = "\"\",\"Longitude\",\"Latitude\",\"MedInc\",\"HouseAge\",\"AveRooms\",\"AveBedrms\",\"Population\",\"AveOccup\",\"MedHouseVal\"\n"
            + "0,-122.23,37.88,8.3252,41.0,6.984126984126984,1.0238095238095237,322.0,2.5555555555555554,4.526\n";
        var data = Read(csv);
        Assert.Equal(1, data.Rows);
        Assert.Equal(FirstRowFeatures, data.Row(0).ToArray());
        Assert.Equal(FirstRowTarget, data.Targets[0]);
    }

    [Fact]
    public void WrongColumnCount_NamesFileAndLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Read(FirstLine + "\n" + SecondLine + ",1\n", "cal.data"));
        Assert.Equal("cal.data", e.FileName);
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("cal.data, line 2", e.Message);
        Assert.Contains("expected 9", e.Message);
        Assert.Contains("found 10", e.Message);
    }

    [Fact]
    public void NonNumericValue_NamesTheColumn()
    {
        var bad = SecondLine.Replace("1106.000000", "n/a", StringComparison.Ordinal);
        var e = Assert.Throws<DataFormatException>(() => Read(FirstLine + "\n\n" + bad + "\n", "cal.data"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("cal.data, line 3", e.Message);
        Assert.Contains("column 5 (totalBedrooms)", e.Message);
        Assert.Contains("'n/a'", e.Message);
    }

    [Fact]
    public void NonFiniteValue_IsRejected()
    {
        var bad = FirstLine.Replace("8.325200", "NaN", StringComparison.Ordinal);
        var e = Assert.Throws<DataFormatException>(() => Read(bad, "cal.data"));
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("medianIncome", e.Message);
    }

    [Fact]
    public void EmptyFile_IsAFormatError()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("empty.data", "");
        var e = Assert.Throws<DataFormatException>(() => CaliforniaHousing.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 1", e.Message);
        Assert.Contains("empty", e.Message);

        var blank = Assert.Throws<DataFormatException>(() => Read("\n  \n", "blank.data"));
        Assert.Contains("no data rows", blank.Message);
        var headerOnly = Assert.Throws<DataFormatException>(() => Read(string.Join(',', CaliforniaHousing.RawColumnNames) + "\n", "h.csv"));
        Assert.Contains("no data rows", headerOnly.Message);
    }

    [Fact]
    public void ZeroHouseholds_NamesFileAndLine()
    {
        var bad = SecondLine.Replace("1138.000000", "0", StringComparison.Ordinal);
        var e = Assert.Throws<DataFormatException>(() => Read(FirstLine + "\n" + bad + "\n", "cal.data"));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("cal.data, line 2", e.Message);
        Assert.Contains("households is zero", e.Message);
    }

    [Fact]
    public void MissingHeaderColumns_AreListed()
    {
        var csv = "longitude,latitude,housingMedianAge,totalRooms,totalBedrooms,population,medianIncome,medianHouseValue\n"
            + "-122.23,37.88,41,880,129,322,8.3252,452600\n";
        var e = Assert.Throws<DataFormatException>(() => Read(csv, "h.csv"));
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("h.csv, line 1", e.Message);
        Assert.Contains("lacks column(s) households.", e.Message);

        var derived = "MedInc,HouseAge,AveRooms,AveBedrms,Population,Latitude,Longitude,MedHouseVal\n1,2,3,4,5,6,7,8\n";
        var d = Assert.Throws<DataFormatException>(() => Read(derived, "d.csv"));
        Assert.Contains("lacks column(s) AveOccup.", d.Message);
    }

    [Fact]
    public void DuplicateHeaderColumn_IsAFormatError()
    {
        var csv = string.Join(',', CaliforniaHousing.RawColumnNames) + ",Longitude\n";
        var e = Assert.Throws<DataFormatException>(() => Read(csv, "h.csv"));
        Assert.Contains("twice", e.Message);
    }
}
