using System.Text;
using Trial.Analysis.Inputs;
using Trial.Analysis.Register;

namespace Trial.Analysis.Tests.Register;

public class RegisterExtractReaderTest
{
    private const string Header = "participant_id,month,employed,aap,disability,social_assistance,nav_measure,sick_leave,education\n";

    private static RegisterExtract Parse(string text) => RegisterExtractReader.Parse("register.csv", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Parse_ValidRows_ReadsStatusesAndMissing()
    {
        var r = Parse(Header + "P-0001-AB,2014-01,1,0,0,,0,0,0\nP-0001-AB,2014-02,0,1,0,1,0,0,0\n");
        Assert.Equal(2, r.Count);
        Assert.Equal(1.0, r.Status(RegisterStatus.Employed)[0]);
        Assert.True(double.IsNaN(r.Status(RegisterStatus.SocialAssistance)[0]));
        Assert.Equal(RegisterExtract.MonthIndex(2014, 2), r.Month[1]);
    }

    [Fact]
    public void Parse_ValueTwo_NamesLineAndColumn()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header + "P-0001-AB,2014-01,1,0,0,0,0,0,0\nP-0001-AB,2014-02,0,2,0,0,0,0,0\n"));
        Assert.Equal("line 3, column 4 (aap)", e.Location);
        Assert.Contains("'2' must be 0, 1 or empty", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadMonth_NamesLineAndColumn()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header + "P-0001-AB,2014-13,1,0,0,0,0,0,0\n"));
        Assert.Equal("line 2, column 2 (month)", e.Location);
    }

    [Fact]
    public void Parse_WrongHeader_NamesTheColumn()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header.Replace("aap", "AAP", StringComparison.Ordinal)));
        Assert.Equal("line 1, column 4", e.Location);
    }

    [Fact]
    public void Parse_TooFewFields_IsRejected()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header + "P-0001-AB,2014-01,1,0\n"));
        Assert.StartsWith("line 2", e.Location, StringComparison.Ordinal);
        Assert.Contains("4 fields, expected 9", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateMonth_IsRejected()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header + "P-1,2014-01,1,0,0,0,0,0,0\nP-1,2014-01,1,0,0,0,0,0,0\n"));
        Assert.Equal("line 3, column 2 (month)", e.Location);
    }

    [Fact]
    public void Parse_Quote_IsRejected()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse(Header + "\"P-1\",2014-01,1,0,0,0,0,0,0\n"));
        Assert.Equal("line 2, column 1", e.Location);
    }
}
