using System.Text.Json.Nodes;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;

namespace Trial.Analysis.Tests.Run;

public class EffectRecoveryTest
{
    [Fact]
    public void MainAnalysis_SimulatedTrial_CiCoversTheTrueEffect()
    {
        var plan = AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var data = StudyData.Build(plan, DataPackageReader.Open(SimulatedTrial.Package), SimulatedTrial.ReadRegister(), ArmDisclosure.Unblinded);
        var main = plan.Analyses.Single(a => a.Id == "main") with { Outcomes = ["in_work"] };
        var result = LpmAnalysis.Run(main, data, ReportLocale.English, TextWriter.Null);
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(SimulatedTrial.Package, "simulation-truth.json")))!["averageEffectInWork"]!.GetValue<double>();
        var cr2 = result.Json["in_work"]!["coefficients"]!["ips"]!["inference"]!["centre-cr2"]!;
        Assert.InRange(truth, cr2["ciLower"]!.GetValue<double>(), cr2["ciUpper"]!.GetValue<double>());
        Assert.InRange(result.Json["in_work"]!["coefficients"]!["ips"]!["estimate"]!.GetValue<double>(), truth - 0.06, truth + 0.06);
    }
}
