using Trial.Analysis.Cli;
using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.Data;

/// <summary>A text cell in a numeric column is refused naming column, line and value, or made missing on request; never a silent factor.</summary>
public class StrayTextTests
{
    private const string Csv = "time,y,x\n1,2.5,0.3\n2,2.9,0.1\n3x,3.1,0.9\n4,4.2,0.4\n5,4.4,0.6\n6,5.9,0.2\n";

    [Fact]
    public void StrayCell_IsRefusedNamingColumnLineAndValue()
    {
        var error = Assert.Throws<ModelInputException>(() => CsvReader.Read(new StringReader(Csv), "d.csv"));
        Assert.Contains("column 'time'", error.Message, StringComparison.Ordinal);
        Assert.Contains("d.csv line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'3x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayCell_AfterAQuotedMultiLineCell_NamesTheFileLine()
    {
        var error = Assert.Throws<ModelInputException>(() => CsvReader.Read(new StringReader("note,x\n\"two\nlines\",1\nok,abc\n"), "d.csv"));
        Assert.Contains("d.csv line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayCell_CanBeTreatedAsMissing_AndIsCounted()
    {
        var frame = CsvReader.Read(new StringReader(Csv), "d.csv", new CsvReadOptions { StrayText = StrayTextPolicy.Missing }, out var strays);
        var time = Assert.IsType<NumericColumn>(frame["time"]);
        Assert.True(double.IsNaN(time.Values[2]));
        Assert.Equal(6, time.Values[5]);
        Assert.Equal(1, strays["time"]);
    }

    [Fact]
    public void ColumnStartingWithText_IsText_AndNumberLikeCellsInItStayText()
    {
        var arm = Assert.IsType<TextColumn>(CsvReader.Read(new StringReader("arm\nIPS\n2\nTAU\n"))["arm"]);
        Assert.Equal(["IPS", "2", "TAU"], Enumerable.Range(0, 3).Select(arm.Format));
    }

    [Fact]
    public void FitCommand_RefusesStrayCellWithExit3_OrFitsWithItMissing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stray-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Csv.Replace("0.4", "abc", StringComparison.Ordinal));
        try
        {
            var error = new StringWriter();
            Assert.Equal(ExitCodes.InvalidInput, new FitCommand().Run(["--data", path, "--formula", "y ~ x"], new StringWriter(), error));
            Assert.Contains("line 5: column 'x'", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("'abc'", error.ToString(), StringComparison.Ordinal);
            error = new StringWriter();
            Assert.Equal(ExitCodes.InvalidInput, new FitCommand().Run(["--data", path, "--formula", "y ~ time + x"], new StringWriter(), error));
            Assert.Contains("line 4: column 'time'", error.ToString(), StringComparison.Ordinal);

            var output = new StringWriter();
            error = new StringWriter();
            Assert.Equal(ExitCodes.Ok, new FitCommand().Run(["--data", path, "--formula", "y ~ x", "--stray-text", "missing"], output, error));
            Assert.Contains("1 text cell(s) in numeric column 'x' treated as missing", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("observations: 5 of 6", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StrayTextOption_RejectsUnknownValues() =>
        Assert.Equal(ExitCodes.Usage, new FitCommand().Run(["--data", "x.csv", "--formula", "y ~ x", "--stray-text", "ignore"], new StringWriter(), new StringWriter()));
}
