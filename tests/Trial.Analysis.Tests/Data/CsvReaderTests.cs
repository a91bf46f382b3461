using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.Data;

public class CsvReaderTests
{
    private static DataFrame Read(string text) => CsvReader.Read(new StringReader(text));

    [Fact]
    public void NumericColumn_IsParsedInvariantWithEmptyAndNaMissing()
    {
        var column = Assert.IsType<NumericColumn>(Read("x,k\n1.5,1\n,2\nNA,3\n-2e3,4\n")["x"]);
        Assert.Equal([1.5, double.NaN, double.NaN, -2000], column.Values);
    }

    [Fact]
    public void BlankLines_AreSkippedLikeReadCsv() => Assert.Equal(2, Read("x\n1\n\n2\n").RowCount);

    [Fact]
    public void TextColumn_BecomesTextWithMissingAsNull()
    {
        var column = Assert.IsType<TextColumn>(Read("arm,y\nIPS,1\n,2\nusual,3\n")["arm"]);
        Assert.Equal(new string?[] { "IPS", null, "usual" }.AsEnumerable(), column.Values.AsEnumerable());
    }

    [Fact]
    public void QuotedFields_KeepCommasAndQuotes()
    {
        var column = Assert.IsType<TextColumn>(Read("name\n\"a, b\"\n\"say \"\"hi\"\"\"\n")["name"]);
        Assert.Equal(new[] { "a, b", "say \"hi\"" }.AsEnumerable(), column.Values.AsEnumerable());
    }

    [Fact]
    public void CrLfLineEnds_AreAccepted() => Assert.Equal(2, Read("x,y\r\n1,2\r\n3,4\r\n").RowCount);

    [Fact]
    public void WrongFieldCount_NamesTheLine()
    {
        var error = Assert.Throws<ModelInputException>(() => Read("x,y\n1,2\n3\n"));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInput_IsRejected() => Assert.Contains("empty", Assert.Throws<ModelInputException>(() => Read("")).Message, StringComparison.Ordinal);

    [Fact]
    public void UnclosedQuote_IsRejected() => Assert.Contains("not closed", Assert.Throws<ModelInputException>(() => Read("x\n\"abc\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void DuplicateColumn_IsRejected() => Assert.Contains("twice", Assert.Throws<ModelInputException>(() => Read("x,x\n1,2\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void MissingFile_IsRejectedWithItsName() =>
        Assert.Contains("nope.csv", Assert.Throws<ModelInputException>(() => CsvReader.ReadFile("/nonexistent/nope.csv")).Message, StringComparison.Ordinal);
}
