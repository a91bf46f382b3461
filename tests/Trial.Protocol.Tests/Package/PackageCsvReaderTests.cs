using System.Text;
using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Protocol.Tests.Package;

public class PackageCsvReaderTests
{
    private static PackageTable Read(string text) => PackageCsvReader.Read("f.csv", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadsWhatTheWriterWrites_QuotesCommasAndLineBreaks()
    {
        var (bytes, rows) = PackageCsvWriter.Format("f.csv", ["a", "b"], [["x,y", "say \"hi\"\nthen go"], [null, true]]);
        var table = PackageCsvReader.Read("f.csv", bytes);
        Assert.Equal(2, rows);
        Assert.Equal(["x,y", "say \"hi\"\nthen go"], table.Rows[0]);
        Assert.Equal(["", "true"], table.Rows[1]);
        Assert.Equal([2, 4], table.Lines);
    }

    [Theory]
    [InlineData("a,b\n1\n", 2, "has 1 cells")]
    [InlineData("a,b\n\"1,2\n", 2, "not closed")]
    [InlineData("a,a\n", 1, "appears twice")]
    [InlineData("a\nx\"y\n", 2, "a quote inside")]
    public void Malformed_IsRefusedWithItsLine(string text, int line, string rule)
    {
        var e = Assert.Throws<ProtocolFileException>(() => Read(text));
        Assert.Equal(line, e.First.Line);
        Assert.Contains(rule, e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void NotUtf8_IsRefused() =>
        Assert.Contains("UTF-8", Assert.Throws<ProtocolFileException>(() => PackageCsvReader.Read("f.csv", [0x61, 0x0A, 0xFF, 0x0A])).First.Rule, StringComparison.Ordinal);
}
