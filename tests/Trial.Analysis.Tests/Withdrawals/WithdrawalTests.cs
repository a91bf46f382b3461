using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using Trial.Analysis.Tests.Package;
using Trial.Analysis.Withdrawals;

namespace Trial.Analysis.Tests.Withdrawals;

/// <summary>Issue 8: `run` honours each withdrawal scope, on a package in the exported format (withdrawals.csv).</summary>
public class WithdrawalTests
{
    private static readonly AnalysisPlan Plan = AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));

    /// <summary>Participants of the shared simulated package chosen for each scope.</summary>
    private sealed record Chosen(string DataUse, string Register, string Collection, string Intervention, LocalDate CollectionFrom);

    private static Chosen Choose(DataPackage package)
    {
        var register = SimulatedTrial.ReadRegister().Participant.ToHashSet(StringComparer.Ordinal);
        var both = package.Occasions.Where(o => o.Status == "completed").GroupBy(o => o.Participant).Where(g => g.Count() == 2).Select(g => g.Key).ToList();
        var collection = both[1];
        var completed6 = package.Occasions.Single(o => o.Participant == collection && o.Occasion == "6m").CompletedAt!.Value;
        return new Chosen(
            package.Participants.First(p => p.Arm == "ips" && register.Contains(p.Id) && both.Contains(p.Id)).Id,
            package.Participants.First(p => p.Arm == "control" && register.Contains(p.Id) && p.RandomisedOn < new LocalDate(2014, 6, 1)).Id,
            collection,
            package.Participants.Last(p => register.Contains(p.Id)).Id,
            completed6.InUtc().Date.PlusDays(3));
    }

    private static (string Folder, Chosen Chosen) PackageWithWithdrawals(bool withDates = true)
    {
        var folder = SimulatedTrial.Copy();
        var chosen = Choose(DataPackageReader.Open(SimulatedTrial.Package));
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [chosen.DataUse] = "data-use",
            [chosen.Register] = "register-linkage",
            [chosen.Collection] = "data-collection",
            [chosen.Intervention] = "intervention",
        };
        var lines = File.ReadAllLines(Path.Combine(folder, "participants.csv"));
        PackageEdit.Write(folder, "participants.csv", lines.Select(l => scopes.TryGetValue(l[..l.IndexOf(',')], out var s) ? l + s : l));
        if (withDates)
        {
            PackageEdit.Write(folder, "withdrawals.csv",
            [
                "participant_id,scope,effective_on",
                $"{chosen.DataUse},data-use,2015-01-05",
                $"{chosen.Register},register-linkage,2015-03-10",
                $"{chosen.Collection},data-collection,{LocalDatePattern.Iso.Format(chosen.CollectionFrom)}",
                $"{chosen.Intervention},intervention,2014-12-01",
            ]);
        }
        return (folder, chosen);
    }

    private static StudyData Study(string folder) =>
        StudyData.Build(Plan, DataPackageReader.Open(folder), SimulatedTrial.ReadRegister(), ArmDisclosure.Unblinded);

    [Fact]
    public void DataUse_ParticipantLeftOutOfEveryAnalysis_AndCountedInConsortByArm()
    {
        var (folder, chosen) = PackageWithWithdrawals();
        var d = Study(folder);
        Assert.Equal(410, d.Randomised.Count);
        Assert.Equal(409, d.Participants.Count);
        Assert.DoesNotContain(d.Participants, p => p.Id == chosen.DataUse);
        Assert.DoesNotContain(Enumerable.Range(0, d.Panel.Count), r => d.Participants[d.Panel.Person[r]].Id == chosen.DataUse);
        Assert.DoesNotContain(d.Scores, s => s.Participant == chosen.DataUse);
        var consort = ConsortFlow.From(d);
        Assert.Equal(410, consort.Randomised);
        Assert.Equal(1, consort.Arms[0].WithdrawnDataUse);
        Assert.Equal(0, consort.Arms[1].WithdrawnDataUse);
        Assert.Equal(d.Randomised.Count(p => p.Treated), consort.Arms[0].Allocated);
        Assert.Equal(d.Participants.Count(p => p.Treated && p.HasRegisterData), consort.Arms[0].AnalysedRegister);
    }

    [Fact]
    public void RegisterLinkage_NoRegisterMonthFromTheEffectiveMonthOn()
    {
        var (folder, chosen) = PackageWithWithdrawals();
        var d = Study(folder);
        var cutoff = RegisterExtract.MonthIndex(2015, 3);
        var months = Enumerable.Range(0, d.Panel.Count).Where(r => d.Participants[d.Panel.Person[r]].Id == chosen.Register).Select(r => d.Panel.Month[r]).ToList();
        Assert.NotEmpty(months);
        Assert.All(months, m => Assert.True(m < cutoff));
        Assert.Equal(cutoff - 1, months.Max());
        var register = SimulatedTrial.ReadRegister();
        var dropped = Enumerable.Range(0, register.Count).Count(r => register.Participant[r] == chosen.Register && register.Month[r] >= cutoff);
        Assert.Equal(dropped, d.LeftOut.RegisterMonths);
        Assert.Equal(1, d.LeftOut.RegisterParticipants);
    }

    [Fact]
    public void DataCollection_NoAnswerCompletedOnOrAfterTheEffectiveDate()
    {
        var (folder, chosen) = PackageWithWithdrawals();
        var d = Study(folder);
        var kept = d.Scores.Where(s => s.Participant == chosen.Collection).Select(s => s.Occasion).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("6m", kept);
        Assert.DoesNotContain("12m", kept);
        Assert.Equal(WithdrawalFilter.WithdrawnStatus, d.Occasions.Single(o => o.Participant == chosen.Collection && o.Occasion == "12m").Status);
        var package = DataPackageReader.Open(folder);
        Assert.Equal(package.Scores.Count(s => s.Participant == chosen.Collection && s.Occasion == "12m"), d.LeftOut.QuestionnaireAnswers);
        Assert.Equal(1, d.LeftOut.QuestionnaireParticipants);
    }

    [Fact]
    public void Intervention_NothingIsLeftOut()
    {
        var (folder, chosen) = PackageWithWithdrawals();
        var d = Study(folder);
        var original = Study(SimulatedTrial.Package);
        int Months(StudyData s) => Enumerable.Range(0, s.Panel.Count).Count(r => s.Participants[s.Panel.Person[r]].Id == chosen.Intervention);
        Assert.Equal(Months(original), Months(d));
        Assert.Contains(d.Participants, p => p.Id == chosen.Intervention);
    }

    [Fact]
    public void EveryTable_SaysHowManyWereLeftOutAndWhy()
    {
        var (folder, _) = PackageWithWithdrawals();
        var d = Study(folder);
        var status = Plan.Analyses.Single(a => a.Id == "status");
        var unadjusted = Plan.Analyses.Single(a => a.Id == "unadjusted");
        var plan = Plan with { Analyses = [status, unadjusted], CostBenefit = null };
        var results = PlanRunner.Run(StudyData.Build(plan, DataPackageReader.Open(folder), SimulatedTrial.ReadRegister(), ArmDisclosure.Unblinded),
            ReportLocale.English, TextWriter.Null);
        var registerNote = results.Analyses[0].Tables.Single().Notes[^1];
        Assert.Contains("1 participant(s) withdrawn from data use (IPS 1, Control 0)", registerNote, StringComparison.Ordinal);
        Assert.Contains($"{d.LeftOut.RegisterMonths} register month(s) of 1 participant(s)", registerNote, StringComparison.Ordinal);
        Assert.DoesNotContain("questionnaire", registerNote, StringComparison.Ordinal);
        Assert.All(results.Analyses[1].Tables, t => Assert.Contains($"{d.LeftOut.QuestionnaireAnswers} questionnaire score(s) of 1 participant(s)", t.Notes[^1], StringComparison.Ordinal));
        Assert.Equal(d.LeftOut.RegisterMonths, results.Analyses[0].LeftOut!["registerLinkage"]!["personMonths"]!.GetValue<int>());
        Assert.Contains(results.LeftOut, row => row[0] == "status" && row[1] == "data-use" && row[2] == "IPS" && row[3] == "1");
        Assert.Contains(results.LeftOut, row => row[0] == "status" && row[1] == "register-linkage" && row[4] == d.LeftOut.RegisterMonths.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RegisterLinkageWithoutEffectiveDate_IsRefusedNamingTheParticipant()
    {
        var (folder, chosen) = PackageWithWithdrawals(withDates: false);
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(folder));
        Assert.Contains(chosen.Register, e.Message, StringComparison.Ordinal);
        Assert.Contains("no effective date", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithdrawalNotListedInParticipants_IsRefused()
    {
        var folder = SimulatedTrial.Copy();
        var id = File.ReadAllLines(Path.Combine(folder, "participants.csv"))[1].Split(',')[0];
        PackageEdit.Write(folder, "withdrawals.csv", ["participant_id,scope,effective_on", $"{id},data-use,2015-01-05"]);
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(folder));
        Assert.Contains("withdrawals.csv: line 2, column scope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownScope_IsRefusedWithLineAndColumn()
    {
        var folder = SimulatedTrial.Copy();
        var lines = File.ReadAllLines(Path.Combine(folder, "participants.csv"));
        lines[3] += "everything";
        PackageEdit.Write(folder, "participants.csv", lines);
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(folder));
        Assert.Contains("participants.csv: line 4, column withdrawn_scopes: 'everything' is not a withdrawal scope", e.Message, StringComparison.Ordinal);
    }
}
