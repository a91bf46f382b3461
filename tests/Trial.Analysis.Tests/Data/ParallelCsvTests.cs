using System.Globalization;
using System.Text;
using Trial.Analysis.Data;

namespace Trial.Analysis.Tests.Data;

/// <summary>A file cut into slices parsed on several cores gives exactly the frame of one sequential pass, or declines.</summary>
public class ParallelCsvTests
{
    private static readonly CsvReadOptions Grouped = new() { GroupingColumns = new HashSet<string>(["id"], StringComparer.Ordinal), StrayText = StrayTextPolicy.Missing };

    private static string Write(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parallel-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static string Sample(int rows)
    {
        var text = new StringBuilder("id,x,arm,empty,note\n");
        for (var i = 0; i < rows; i++)
        {
            var x = i % 17 == 0 ? "NA" : i % 29 == 0 ? "oops" : (i * 0.37).ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{i % 13}.{(i % 2 == 0 ? "1" : "10")},{x},{(i % 3 == 0 ? "IPS" : "TAU")},,\"n, {i % 5}\"\n");
        }
        return text.ToString();
    }

    private static void AssertSameFrame(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.GetType())), actual.Columns.Select(c => (c.Name, c.GetType())));
        foreach (var column in expected.Columns)
        {
            Assert.Equal(Enumerable.Range(0, expected.RowCount).Select(column.Format), Enumerable.Range(0, actual.RowCount).Select(actual[column.Name].Format));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Slices_GiveTheSequentialFrame(int slices)
    {
        var path = Write(Sample(3000));
        try
        {
            Assert.True(ParallelCsv.TryRead(path, Grouped, 0, slices, out var parallel, out var strays));
            using var reader = new StreamReader(path);
            var sequential = CsvReader.Read(reader, path, Grouped, out var sequentialStrays);
            AssertSameFrame(sequential, parallel);
            Assert.Equal(sequentialStrays["x"], strays["x"]);
            Assert.Equal(["0.1", "1.10", "2.1"], new[] { 0, 1, 2 }.Select(parallel["id"].Format));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Each slice writes into its window of one array per column, sized by counting its line ends. Blank lines and a
    /// quoted line break inside a slice make a slice shorter than its window, a column missing for a whole slice leaves
    /// it undecided: the frame must still be the sequential one (the join then copies or fills in place).
    /// </summary>
    [Theory]
    [InlineData(2, 0, false)]
    [InlineData(2, 97, false)]
    [InlineData(3, 0, true)]
    [InlineData(4, 61, true)]
    public void SlicesShorterThanTheirLineCount_OrUndecided_GiveTheSequentialFrame(int slices, int blankEvery, bool quotedBreak)
    {
        var text = new StringBuilder("id,x,late,note\n");
        for (var i = 0; i < 3000; i++)
        {
            var late = i < 1500 ? "" : (i * 0.5).ToString("R", CultureInfo.InvariantCulture);
            var note = quotedBreak && i == 2200 ? "\"two\nlines\"" : "n";
            text.Append(CultureInfo.InvariantCulture, $"{i % 7},{(i % 11 == 0 ? "NA" : i.ToString(CultureInfo.InvariantCulture))},{late},{note}\n");
            if (blankEvery > 0 && i % blankEvery == 0)
            {
                text.Append('\n');
            }
        }
        var path = Write(text.ToString());
        try
        {
            Assert.True(ParallelCsv.TryRead(path, Grouped, 0, slices, out var parallel, out _));
            using var reader = new StreamReader(path);
            AssertSameFrame(CsvReader.Read(reader, path, Grouped), parallel);
            Assert.Equal(3000, parallel.RowCount);
            Assert.True(double.IsNaN(parallel.Numeric("late").Values[0]));
            Assert.Equal(1499.5, parallel.Numeric("late").Values[2999]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void QuotedLineBreakAcrossACut_Declines_AndReadFileStillReadsIt()
    {
        var body = new StringBuilder("note,x\n");
        body.Append('"').Append(string.Concat(Enumerable.Repeat("line\n", 400))).Append("\",1\n");
        for (var i = 0; i < 50; i++)
        {
            body.Append("a,").Append(i).Append('\n');
        }
        var path = Write(body.ToString());
        try
        {
            Assert.False(ParallelCsv.TryRead(path, CsvReadOptions.Default, 0, 2, out _, out _));
            Assert.Equal(51, CsvReader.ReadFile(path).RowCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SlicesDisagreeingAboutAType_Decline()
    {
        // The first half of x is text, the second half numbers: one pass makes x text, so the slices must not guess.
        var body = new StringBuilder("x\n");
        for (var i = 0; i < 400; i++)
        {
            body.Append(i < 200 ? "t" : "1").Append('\n');
        }
        var path = Write(body.ToString());
        try
        {
            Assert.False(ParallelCsv.TryRead(path, CsvReadOptions.Default, 0, 2, out _, out _));
            Assert.IsType<TextColumn>(CsvReader.ReadFile(path)["x"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
