using NodaTime;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Tests.Protocol;

public class ProtocolLoaderTests
{
    private static ProtocolInvalidException LoadEdited(string find, string replace)
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var path = Path.Combine(folder, ProtocolLoader.FileName);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return Assert.Throws<ProtocolInvalidException>(() => ProtocolLoader.Load(folder));
    }

    [Fact]
    public void Load_IpsProtocol_HasSixCentresTwoArmsAndTwoPeriods()
    {
        var protocol = ProtocolLoader.Load(RepositoryPaths.IpsProtocol);
        Assert.Equal(6, protocol.Centres.Count);
        Assert.Equal(["ips", "control"], protocol.Arms.Select(a => a.Code.Value));
        Assert.Equal(5, protocol.Eligibility.Count);
        Assert.True(protocol.StratifyByCentre);
        Assert.Equal([0, 6, 12], protocol.FollowUp.Select(f => f.MonthsAfterRandomisation));
        Assert.Contains(protocol.Baseline.Fields, f => f.Code == "born_norway");
    }

    [Fact]
    public void PeriodOn_LastDayOfTwoToOnePeriod_IsTwoToOne()
    {
        var protocol = ProtocolLoader.Load(RepositoryPaths.IpsProtocol);
        Assert.Equal("2:1", protocol.PeriodOn(new LocalDate(2014, 2, 1))!.Ratio.ToString());
        Assert.Equal("1:1", protocol.PeriodOn(new LocalDate(2014, 2, 2))!.Ratio.ToString());
        Assert.Null(protocol.PeriodOn(new LocalDate(2013, 10, 10)));
    }

    [Fact]
    public void Load_OverlappingPeriods_NamesFilePathAndRule()
    {
        var error = Assert.Single(LoadEdited("from: 2014-02-02", "from: 2014-01-20").Errors);
        Assert.Equal(("protocol.yaml", "allocationPeriods[1].from", "periods-contiguous"), (error.File, error.Path, error.Rule));
        Assert.Contains("Overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GapBetweenPeriods_IsRejected()
    {
        var error = Assert.Single(LoadEdited("from: 2014-02-02", "from: 2014-03-01").Errors);
        Assert.Equal("periods-contiguous", error.Rule);
        Assert.Contains("Gap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RatioOfZero_IsRejected()
    {
        var error = Assert.Single(LoadEdited("ratio: { ips: 2, control: 1 }", "ratio: { ips: 2, control: 0 }").Errors);
        Assert.Equal(("allocationPeriods[0].ratio.control", "ratio-positive"), (error.Path, error.Rule));
    }

    [Fact]
    public void Load_OrganisationWithUnknownCentre_IsRejected()
    {
        var error = Assert.Single(LoadEdited("name: Helse Bergen, centres: [hordaland]", "name: Helse Bergen, centres: [bergen]").Errors);
        Assert.Equal("known-centre", error.Rule);
        Assert.StartsWith("organisations[", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OpenEndedPeriodBeforeLast_IsRejected()
    {
        var error = Assert.Single(LoadEdited("    to: 2014-02-01\n", "").Errors);
        Assert.Equal(("allocationPeriods[0].to", "open-end-last"), (error.Path, error.Rule));
    }

    [Fact]
    public void Load_UnknownField_ReportsLine()
    {
        var error = Assert.Single(LoadEdited("stratification: [centre]", "stratification: [centre]\nstratificaton: [sex]").Errors);
        Assert.Equal("yaml-syntax", error.Rule);
        Assert.StartsWith("line ", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingConsentFormFile_IsRejected()
    {
        var error = Assert.Single(LoadEdited("file: consent/consent-1.0.md", "file: consent/consent-9.md").Errors);
        Assert.Equal(("consentForms[0].file", "file-exists"), (error.Path, error.Rule));
    }
}
