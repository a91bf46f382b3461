using Trial.Analysis.Cli;
using Trial.Analysis.CostBenefit;
using Trial.Protocol.Files;

namespace Trial.Analysis.Tests.CostBenefit;

/// <summary>
/// The calibrated constant is called calibrated everywhere; the Table 20 path is tested on its own; impossible inputs
/// are refused; negative critical wages and horizons beyond working life are explained; unknown YAML keys are refused.
/// </summary>
public class CostBenefitGuardTest
{
    private static readonly string InputsPath = RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml");
    private static readonly string Committed = File.ReadAllText(InputsPath);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new CriticalWageCommand().Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void CalibratedConstant_IsLabelledCalibratedToTable23_InYamlTextJsonAndReport()
    {
        Assert.Contains("required_pv_calibrated_to_table_23:", Committed, StringComparison.Ordinal);
        Assert.DoesNotContain("as_reported", Committed, StringComparison.Ordinal);
        var inputs = CostBenefitInputsLoader.Load(InputsPath);
        Assert.Equal(55_449.75, inputs.Costs.RequiredPvCalibratedToTable23);
        var (_, text, _) = Run("--inputs", InputsPath);
        Assert.Contains("calibrated to Table 23", text, StringComparison.Ordinal);
        Assert.DoesNotContain("as reported", text, StringComparison.OrdinalIgnoreCase);
        var (_, json, _) = Run("--inputs", InputsPath, "--json");
        var required = System.Text.Json.Nodes.JsonNode.Parse(json)!["requiredPresentValue"]!;
        Assert.Equal(55_449.75, required["calibratedToTable23"]!.GetValue<double>());
        Assert.Null(required["asReported"]);
        Assert.Contains("calibrated to Table 23", required["usedSource"]!.GetValue<string>(), StringComparison.Ordinal);
        var analysis = CriticalWageAnalysis.Run(inputs, new EffectEstimate(0.095, null, null, "test"));
        foreach (var locale in new[] { Trial.Analysis.Report.ReportLocale.English, Trial.Analysis.Report.ReportLocale.Norwegian })
        {
            var cells = Trial.Analysis.Report.CostBenefitTables.Tables(analysis, locale).SelectMany(t => t.Rows).SelectMany(r => r).Select(c => c.Display);
            Assert.Contains(cells, c => c.Contains(locale == Trial.Analysis.Report.ReportLocale.English ? "calibrated to Table 23" : "kalibrert til tabell 23", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DerivedPath_FromTable20_Is55448_54_AndGives395097_WithinItsStatedTolerance()
    {
        var yaml = string.Join('\n', Committed.Split('\n').Where(l => !l.Contains("required_pv_calibrated_to_table_23", StringComparison.Ordinal)));
        var inputs = CostBenefitInputsLoader.Parse("cb.yaml", yaml);
        var required = inputs.RequiredPresentValue;
        Assert.Null(required.CalibratedToTable23);
        Assert.Equal(55_448.54, required.Used, 0.005);
        Assert.Equal("derived from Table 20", required.UsedSource);
        var x2 = inputs.Model.CriticalWage(2, 0.095);
        Assert.Equal(395_097, Math.Round(x2));
        // Stated tolerance: Table 20's seven lines are rounded to NOK 1000, so the derived total can be off by
        // 21.2 NOK (CriticalWageModelTest); through X*(2) = (C/Δp − …)/(0.68·Σ) that is 21.2 / (0.095 · 0.68 · Σ).
        var sum = 1 + 1.013 / 1.04;
        var tolerance = 21.2 / (0.095 * 0.68 * sum);
        Assert.InRange(x2, 395_106 - tolerance, 395_106 + tolerance);
    }

    [Theory]
    [InlineData("--effect", "1.2")]
    [InlineData("--effect", "-1.5")]
    [InlineData("--ci", "0.02,1.3")]
    public void EffectOutsideMinusOneToOne_IsRefused(string option, string value)
    {
        var (code, output, error) = Run("--inputs", InputsPath, option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("difference in probabilities", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectAboveOneInYaml_IsRefused()
    {
        var yaml = Committed.Replace("estimate: 0.095", "estimate: 1.5", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.StartsWith("$.effect.estimate", e.First.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeCriticalWage_IsExplained()
    {
        // A large effect makes C/Δp smaller than the saved tax cost of benefits: X* < 0, which is no wage.
        var (code, output, _) = Run("--inputs", InputsPath, "--effect", "0.9", "--years", "5");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("negative", output, StringComparison.Ordinal);
        Assert.Contains("any wage", output, StringComparison.Ordinal);
        var inputs = CostBenefitInputsLoader.Load(InputsPath);
        var analysis = CriticalWageAnalysis.Run(inputs, new EffectEstimate(0.9, null, null, "test"), [5]);
        Assert.True(analysis.Rows[0].CriticalWage < 0);
        Assert.Contains(analysis.Notes, n => n.Contains("any wage", StringComparison.Ordinal));
    }

    [Fact]
    public void HorizonBeyondWorkingLife_IsExplained()
    {
        var (code, output, _) = Run("--inputs", InputsPath, "--years", "2,40");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("working life", output, StringComparison.Ordinal);
        Assert.Contains("40", output, StringComparison.Ordinal);
        var (_, within, _) = Run("--inputs", InputsPath, "--years", "2..5");
        Assert.DoesNotContain("working life", within, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  discount_rate: 0.04", "  discount_rat: 0.04\n  discount_rate: 0.04", "$.parameters", "discount_rat")]
    [InlineData("horizons: [2, 3, 4, 5]", "horizons: [2, 3, 4, 5]\nhorizon: [7]", "$", "horizon")]
    [InlineData("  participants: 227", "  participants: 227\n  participant: 300", "$.costs", "participant")]
    [InlineData("kind: one-off, amount: 1714 }", "kind: one-off, amount: 1714, note: x }", "$.costs.items[2]", "note")]
    [InlineData("  wages: [168000, 355000]", "  wages: [168000, 355000]\n  wage: [1]", "$.break_even", "wage")]
    public void UnknownKey_IsRefusedNamingIt(string find, string replace, string location, string key)
    {
        Assert.Contains(find, Committed, StringComparison.Ordinal);
        var yaml = Committed.Replace(find, replace, StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.StartsWith(location, e.First.Path, StringComparison.Ordinal);
        Assert.Contains($"unknown key '{key}'", e.First.Rule, StringComparison.Ordinal);
    }
}
