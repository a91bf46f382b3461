using System.Text.RegularExpressions;
using NodaTime;
using Trial.Enrollment.Protocol;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Tests.Protocol;

public class ProtocolLoaderTests
{
    private static ProtocolFileException LoadEdited(string find, string replace)
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var path = Path.Combine(folder, ProtocolLoader.FileName);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return Assert.Throws<ProtocolFileException>(() => ProtocolLoader.Load(folder));
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
        Assert.Equal(("protocol.yaml", "$.allocationPeriods[1].from"), (error.File, error.Path));
        Assert.NotNull(error.Line);
        Assert.StartsWith("overlap: 2014-01-20 is already covered by p1-2to1; this period must start on 2014-02-02", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GapBetweenPeriods_IsRejected()
    {
        var error = Assert.Single(LoadEdited("from: 2014-02-02", "from: 2014-03-01").Errors);
        Assert.Equal("$.allocationPeriods[1].from", error.Path);
        Assert.StartsWith("gap: no period covers 2014-02-02 to 2014-02-28", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RatioOfZero_IsRejected()
    {
        var error = Assert.Single(LoadEdited("ratio: { ips: 2, control: 1 }", "ratio: { ips: 2, control: 0 }").Errors);
        Assert.Equal("$.allocationPeriods[0].ratio.control", error.Path);
        Assert.Contains("at least 1", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OrganisationWithUnknownCentre_IsRejected()
    {
        var error = Assert.Single(LoadEdited("(Helse Bergen) }, centres: [hordaland]", "(Helse Bergen) }, centres: [bergen]").Errors);
        Assert.Equal("'bergen' is not a centre declared under centres", error.Rule);
        Assert.Matches(@"^\$\.organisations\[\d+\]\.centres\[0\]$", error.Path);
    }

    [Fact]
    public void Load_IpsProtocol_NamesEveryOrganisationInBothLanguages()
    {
        var office = ProtocolLoader.Load(RepositoryPaths.IpsProtocol).FindOrganisation(OrganisationCode.Parse("trial-office"))!.Name;
        Assert.Equal(("Uni Research (prosjektkontoret)", "Uni Research (trial office)"), (office.For("nb-NO"), office.For("en")));
    }

    [Theory]
    [InlineData("name: { nb-NO: Helse Bergen, en: Bergen Health Trust (Helse Bergen) }", "name: { nb-NO: Helse Bergen }", ".name.en", "is required")]
    [InlineData("name: { nb-NO: Helse Bergen, en: Bergen Health Trust (Helse Bergen) }", "name: Helse Bergen", ".name", "must be a mapping")]
    [InlineData("name: { nb-NO: Helse Bergen, en: Bergen Health Trust (Helse Bergen) }", "name: { nb: Helse Bergen, en: Bergen }", ".name.nb", "unknown key 'nb'")]
    public void Load_OrganisationNameNotInBothLanguages_NamesTheField(string find, string replace, string pathEnd, string rule)
    {
        var error = Assert.Single(LoadEdited(find, replace).Errors);
        Assert.Matches(@"^\$\.organisations\[\d+\]" + Regex.Escape(pathEnd) + "$", error.Path);
        Assert.Contains(rule, error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IpsProtocol_FieldAccessKeepsClinicalFieldsFromNavAndNavCaseDataFromTheHealthTrust()
    {
        var access = ProtocolLoader.Load(RepositoryPaths.IpsProtocol).FieldAccess;
        foreach (var field in new[] { "screening.severity", "baseline.mini_diagnosis", "baseline.severity", "followup.hads" })
        {
            Assert.False(access.MaySee(OrganisationKind.Nav, field), field);
            Assert.True(access.MaySee(OrganisationKind.HealthTrust, field), field);
        }
        Assert.False(access.MaySee(OrganisationKind.HealthTrust, "baseline.nav_benefit"));
        Assert.True(access.MayRecord(OrganisationKind.Nav, "baseline.nav_benefit"));
        Assert.True(access.MaySee(OrganisationKind.Sponsor, "baseline.nav_benefit"));
        Assert.True(access.MayRecord(OrganisationKind.Nav, "baseline.born_norway"));
        Assert.False(access.MaySee(null, "baseline.severity"));
    }

    [Theory]
    [InlineData("fields: [baseline.nav_benefit]", "fields: [baseline.nav_case]", "$.fieldAccess[1].fields[0]", "'baseline.nav_case' is not")]
    [InlineData("fields: [baseline.nav_benefit]", "fields: [followup.unknown]", "$.fieldAccess[1].fields[0]", "'followup.unknown' is not")]
    [InlineData("fields: [baseline.nav_benefit]", "fields: [baseline.severity]", "$.fieldAccess", "field 'baseline.severity' is in more than one class")]
    [InlineData("    see: [nav, sponsor]\n", "    see: [sponsor]\n", "$.fieldAccess[1].record", "'nav' would record what it may not see")]
    [InlineData("record: [nav, sponsor]", "record: [nav, municipality]", "$.fieldAccess[1].record[1]", "municipality")]
    public void Load_BrokenFieldAccess_NamesPathAndRule(string find, string replace, string path, string rule)
    {
        var error = Assert.Single(LoadEdited(find, replace).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(rule, error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OpenEndedPeriodBeforeLast_IsRejected()
    {
        var error = Assert.Single(LoadEdited("    to: 2014-02-01\n", "").Errors);
        Assert.Equal("$.allocationPeriods[0]", error.Path);
        Assert.Contains("only the last allocation period may be open-ended", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_ReportsLine()
    {
        var error = Assert.Single(LoadEdited("stratification: [centre]", "stratification: [centre]\nstratificaton: [sex]").Errors);
        Assert.Equal("$.stratificaton", error.Path);
        Assert.StartsWith("unknown key 'stratificaton'", error.Rule, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Load_MissingConsentFormFile_IsRejected()
    {
        var error = Assert.Single(LoadEdited("file: consent/consent-1.0.md", "file: consent/consent-9.md").Errors);
        Assert.Equal(("$.consentForms[0].file", "'consent/consent-9.md' does not exist in the protocol folder"), (error.Path, error.Rule));
    }

    [Fact]
    public void Load_SeveralBrokenRules_ListsEveryOne_InTheSharedFormat()
    {
        var errors = LoadEdited("code: ips\n", "code: IPS\n").Errors.Concat(
            LoadEdited("minMultiples: 1", "minMultiples: 0").Errors).ToList();
        Assert.Contains(errors, e => e.Path == "$.arms[0].code" && e.Rule.Contains("lower-case", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.blocks.minMultiples" && e.ToString().StartsWith("protocol.yaml: $.blocks.minMultiples (line ", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TwoErrors_AreBothReported()
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var path = Path.Combine(folder, ProtocolLoader.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("timeZone: Europe/Oslo", "timeZone: Europe/Osloo", StringComparison.Ordinal)
            .Replace("maxMultiples: 3", "maxMultiples: 11", StringComparison.Ordinal));
        var errors = Assert.Throws<ProtocolFileException>(() => ProtocolLoader.Load(folder)).Errors;
        Assert.Equal(["$.timeZone", "$.blocks.maxMultiples"], errors.Select(e => e.Path));
    }
}
