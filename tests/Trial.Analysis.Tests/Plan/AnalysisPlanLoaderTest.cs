using System.Text;
using Trial.Analysis.Plan;
using Trial.Analysis.Variance;
using Trial.Protocol.Files;

namespace Trial.Analysis.Tests.Plan;

public class AnalysisPlanLoaderTest
{
    private static readonly string PlanPath = RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml");
    private static readonly string Committed = File.ReadAllText(PlanPath);

    private static AnalysisPlan Parse(string yaml) => AnalysisPlanLoader.Parse("plan.yaml", Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void Load_CommittedPlan_HasEveryPlannedAnalysis()
    {
        var plan = AnalysisPlanLoader.Load(PlanPath);
        Assert.Equal(Enum.GetValues<AnalysisKind>().Order(), plan.Analyses.Select(a => a.Kind).Distinct().Order());
        Assert.Equal("centre-cr2", plan.CostBenefit!.Inference.Id);
    }

    [Fact]
    public void Load_CommittedPlan_EveryInferenceChoiceIsExplicit()
    {
        var plan = AnalysisPlanLoader.Load(PlanPath);
        var cr1 = plan.Inference["centre-cr1"];
        Assert.Equal((VcovKind.CR1S, ClusterLevel.Centre, DfRule.ClustersMinusOne), ((VcovKind)cr1.Vcov!, cr1.Cluster, (DfRule)cr1.Df!));
        Assert.Equal(DfRule.Satterthwaite, plan.Inference["centre-cr2"].Df);
    }

    [Fact]
    public void Parse_MissingDataAnalyses_RefuseUnknownScoreBaselineOccasionMissingSettingsAndStrayCluster()
    {
        var unknown = Assert.Throws<ProtocolFileException>(() => Parse(Committed.Replace("response_scores: [hads_total,", "response_scores: [hads_totl,", StringComparison.Ordinal)));
        Assert.Contains("response_scores[0]", unknown.First.Path, StringComparison.Ordinal);
        var withBaseline = Committed.Replace("    occasions: [6m, 12m]\n    outcomes: [hads_total, hads_anxiety, hads_depression, shc, fatigue, whodas, audit, dudit, eq_vas, ladder]\n    # Response",
            "    occasions: [0m, 6m, 12m]\n    outcomes: [hads_total, hads_anxiety, hads_depression, shc, fatigue, whodas, audit, dudit, eq_vas, ladder]\n    # Response", StringComparison.Ordinal);
        Assert.NotEqual(Committed, withBaseline);
        Assert.Contains("follow-up occasions only", Assert.Throws<ProtocolFileException>(() => Parse(withBaseline)).First.Rule, StringComparison.Ordinal);
        var noSettings = Assert.Throws<ProtocolFileException>(() => Parse(Committed.Replace("    imputation: { m: 20, iterations: 10, donors: 5, seed: 20161201 }\n", "", StringComparison.Ordinal)));
        Assert.Contains("imputation", noSettings.First.Path + noSettings.First.Rule, StringComparison.Ordinal);
        var stray = Assert.Throws<ProtocolFileException>(() => Parse(Committed.Replace("    vcov: iid\n", "    vcov: iid\n    cluster: centre\n", StringComparison.Ordinal)));
        Assert.Contains("not clustered", stray.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOutcome_NamesAnalysisPath()
    {
        var yaml = Committed.Replace("outcomes: [in_work, aap_and_job]", "outcomes: [in_work, aap_and_jobs]", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(yaml));
        Assert.StartsWith("$.analyses[6].outcomes[1]", e.First.Path, StringComparison.Ordinal);
        Assert.Contains("unknown register outcome 'aap_and_jobs'", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPopulation_IsRejected()
    {
        var yaml = Committed.Replace("population: age21", "population: age18", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(yaml));
        Assert.Contains("unknown population 'age18'", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InferenceWithoutDf_IsRejected()
    {
        var yaml = Committed.Replace("    df: clusters-minus-one\n    fe_in_k: full              #", "    fe_in_k: full              #", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(yaml));
        Assert.Equal("$.inference.centre-cr1.df", e.First.Path);
        Assert.Equal("is required", e.First.Rule);
    }

    [Fact]
    public void Parse_SatterthwaiteWithCr1_IsRejected()
    {
        var yaml = Committed.Replace("    vcov: CR1S                 # (N−1)/(N−K)·G/(G−1), as the seed's Stata runs\n    cluster: centre\n    df: clusters-minus-one", "    vcov: CR1S\n    cluster: centre\n    df: satterthwaite", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(yaml));
        Assert.Contains("CR2 only", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownRegisterStatus_IsRejected()
    {
        var yaml = Committed.Replace("all_of: [aap, employed]", "all_of: [aap, employment]", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(yaml));
        Assert.StartsWith("$.register_outcomes.aap_and_job.all_of[1]", e.First.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    title_nb: \"Lineær sannsynlighetsmodell, alle personmåneder etter inklusjon\"\n", "    titel_nb: \"x\"\n", "$.analyses[2].titel_nb")]
    [InlineData("  hc2:\n    label:", "  hc2:\n    lable: x\n    label:", "$.inference.hc2.lable")]
    [InlineData("format: trial-analysis-plan\n", "format: trial-analysis-plan\ntitel: x\n", "$.titel")]
    public void UnknownKey_IsRefusedNamingItsPath(string from, string to, string path)
    {
        Assert.Contains(from, Committed, StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Parse(Committed.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(path, e.First.Path);
    }

    [Fact]
    public void EveryTitleAndLabel_HasItsNorwegianText()
    {
        var plan = AnalysisPlanLoader.Load(PlanPath);
        Assert.NotEqual(plan.Title, plan.TitleNorwegian);
        Assert.All(plan.Analyses, a => Assert.NotEqual(a.Title, a.TitleNorwegian));
        Assert.All(plan.Populations.Values, p => Assert.NotEqual(p.Label, p.LabelNorwegian));
        Assert.All(plan.Inference.Values, i => Assert.NotEqual(i.Label, i.LabelNorwegian));
        Assert.All(plan.QuestionnaireOutcomes.Values.Where(q => q.Id != "hads_total"), q => Assert.NotEqual(q.Label, q.LabelNorwegian));
        var missing = Assert.Throws<ProtocolFileException>(() => Parse(Committed.Replace("    title_nb: \"Status ved inklusjon og 18 måneder senere\"\n", "", StringComparison.Ordinal)));
        Assert.Equal("$.analyses[0].title_nb", missing.First.Path);
    }
}
