using System.Text.RegularExpressions;
using Trial.Analysis.Package;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using Trial.Analysis.Tests.Package;
using Trial.Analysis.Tests.Report;
using Trial.Analysis.Withdrawals;

namespace Trial.Analysis.Tests.Withdrawals;

/// <summary>
/// CONSORT's follow-up row in the report: withdrawals per arm, each withdrawer once and then per scope, on a package with
/// withdrawals in both arms; in the counts and in the PDF's text, in both languages.
/// </summary>
public sealed partial class ConsortWithdrawalsByArmTests
{
    [Fact]
    public void Withdrawals_InBothArms_AreCountedPerArmAndScope_AndPrintedUnderEachArm()
    {
        var folder = SimulatedTrial.Copy();
        var package = DataPackageReader.Open(folder);
        // Two in IPS (one of them from two scopes), one in control: each arm's counts differ, so neither can pass for the other.
        var ips = package.Participants.Where(p => p.Arm == "ips").Take(2).Select(p => p.Id).ToList();
        var control = package.Participants.First(p => p.Arm == "control").Id;
        (string Id, string Scope, string On)[] withdrawals =
            [(ips[0], "intervention", "2014-12-01"), (ips[1], "followup-contact", "2014-12-01"), (ips[1], "data-use", "2015-01-05"), (control, "register-linkage", "2015-03-10")];
        var lines = File.ReadAllLines(Path.Combine(folder, "participants.csv"));
        PackageEdit.Write(folder, "participants.csv", lines.Select(l => l[..l.IndexOf(',')] is var id && withdrawals.Any(w => w.Id == id)
            ? l + string.Join(';', withdrawals.Where(w => w.Id == id).Select(w => w.Scope)) : l));
        PackageEdit.Write(folder, "withdrawals.csv", ["participant_id,scope,effective_on", .. withdrawals.Select(w => $"{w.Id},{w.Scope},{w.On}")]);
        var plan = Plan with { Analyses = [Plan.Analyses.Single(a => a.Id == "status")], CostBenefit = null };
        var d = StudyData.Build(plan, DataPackageReader.Open(folder), SimulatedTrial.ReadRegister(), ArmDisclosure.Unblinded);

        var consort = ConsortFlow.From(d);
        Assert.Equal(("IPS", 2), (consort.Arms[0].Label, consort.Arms[0].WithdrewAny));
        Assert.Equal(new Dictionary<WithdrawalScope, int> { [WithdrawalScope.Intervention] = 1, [WithdrawalScope.FollowupContact] = 1, [WithdrawalScope.DataUse] = 1 },
            consort.Arms[0].Withdrawn);
        Assert.Equal(1, consort.Arms[1].WithdrewAny);
        Assert.Equal(new Dictionary<WithdrawalScope, int> { [WithdrawalScope.RegisterLinkage] = 1 }, consort.Arms[1].Withdrawn);

        var results = PlanRunner.Run(d, ReportLocale.English, TextWriter.Null);
        // pdftotext -layout puts the two arms' columns side by side, IPS first; kerned words are split, so spaces are dropped.
        var english = Compact(ReportText(d, results, ReportLocale.English));
        Assert.Equal(["2", "1"], Withdrew().Matches(english).Select(m => m.Groups[1].Value));
        Assert.All(["•intervention:1", "•follow-upcontact:1", "•datause:1", "•registerlinkage:1"], line => Assert.Contains(line, english, StringComparison.Ordinal));
        var norwegian = Compact(ReportText(d, PlanRunner.Run(d, ReportLocale.Norwegian, TextWriter.Null), ReportLocale.Norwegian));
        Assert.Equal(["2", "1"], Trakk().Matches(norwegian).Select(m => m.Groups[1].Value));
        Assert.All(["•intervensjonen:1", "•oppfølgingskontakt:1", "•brukavdata:1", "•registerkobling:1"], line => Assert.Contains(line, norwegian, StringComparison.Ordinal));
    }

    private static readonly Trial.Analysis.Plan.AnalysisPlan Plan = Trial.Analysis.Plan.AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));

    private static string ReportText(StudyData d, RunResults results, ReportLocale l)
    {
        var context = new RunContext("analysis-plan.yaml", d.Plan.Sha256, d.Plan.Version, "unlocked", "pkg", new string('b', 64),
            "", "register.csv", new string('c', 64), "unblinded", "2016-05-03T09:00:00Z");
        var path = SimulatedTrial.TempPath("consort-withdrawals") + ".pdf";
        using (var pdf = File.Create(path))
        {
            ReportComposer.Write(pdf, d, results, context, l.ForStudy(d));
        }
        return ReportRuns.PdfText(path);
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"Withdrew\(n=(\d+)\)")]
    private static partial Regex Withdrew();

    [GeneratedRegex(@"Trakkseg\(n=(\d+)\)")]
    private static partial Regex Trakk();
}
