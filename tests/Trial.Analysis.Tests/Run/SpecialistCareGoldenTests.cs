using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Plan;
using Trial.Analysis.Run;

namespace Trial.Analysis.Tests.Run;

/// <summary>
/// Seed 001 Table 15 (plan analysis `specialist`: specialist-care counts per person-month, OLS with year, calendar-month
/// and centre dummies) against R on golden data: reference/specialist/specialist_care.R (R 4.2, sandwich 3.0,
/// clubSandwich 0.5): lm + vcovCL(type = "HC1") for CR1S on centre with t(G−1), and clubSandwich CR2 with Satterthwaite df.
/// The model is built and inferred by the same calls the plan's analysis makes (LpmFormula, ModelRun, the plan's choices).
/// </summary>
public class SpecialistCareGoldenTests
{
    private static readonly string[] Terms = ["(Intercept)", "ips", "age", "female"];

    [Fact]
    public void Table15Model_MatchesLmWithCr1sAndCr2()
    {
        var plan = AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var analysis = plan.Analyses.Single(a => a.Id == "specialist");
        Assert.Equal(15, analysis.SeedTable);
        Assert.Equal(["centre-cr1", "centre-cr2"], analysis.Inference.Select(i => i.Id));

        // The panel as PanelFrame builds it: factors as text, months without NPR data (empty y) left out.
        var lines = File.ReadAllLines(Golden.PathOf("specialist/specialist_panel.csv")).Skip(1)
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).Where(f => f[7].Length > 0).ToList();
        double Number(string[] f, int j) => double.Parse(f[j], CultureInfo.InvariantCulture);
        DataColumn Text(string name, int j) => new TextColumn(name, [.. lines.Select(f => (string?)f[j])]);
        DataColumn Numeric(string name, int j) => new NumericColumn(name, [.. lines.Select(f => Number(f, j))]);
        var frame = new DataFrame([Text("participant", 0), Text("centre", 1), Numeric("ips", 2), Numeric("age", 3), Numeric("female", 4),
            Text("year", 5), Text("calendar_month", 6), Numeric("y", 7)]);

        var model = ModelRun.Estimate(LpmFormula.Build(["ips"], analysis.Controls), frame, analysis.Inference);
        double R(string quantity, string term) => Golden.Value("specialist/specialist_reference.csv", "specialist", "table15", quantity, term);
        Assert.Equal((int)R("n", "n"), model.N);
        Golden.AssertRelative(R("r2", "r2"), model.RSquared, 1e-9, "R²");
        var (cr1, cr2) = (analysis.Inference[0], analysis.Inference[1]);
        foreach (var term in Terms)
        {
            var a = model.Row(term, cr1);
            var b = model.Row(term, cr2);
            Golden.AssertRelative(R("coef", term), a.Estimate, 1e-9, $"β {term}");
            Golden.AssertRelative(R("se_CR1S_centre", term), a.StdError, 1e-9, $"CR1S SE {term}");
            Assert.Equal(5, a.Df);
            Golden.AssertRelative(R("p_CR1S_centre", term), a.PValue, 1e-7, $"CR1S p {term}");
            Golden.AssertRelative(R("se_CR2_centre", term), b.StdError, 1e-8, $"CR2 SE {term}");
            Golden.AssertRelative(R("df_CR2_centre", term), b.Df, 1e-7, $"CR2 Satterthwaite df {term}");
            Golden.AssertRelative(R("p_CR2_centre", term), b.PValue, 1e-6, $"CR2 p {term}");
        }
        // Conventions are printed beside the estimates (small-sample factor and df named).
        Assert.Contains(model.Conventions(cr1), c => c.Contains("G/(G", StringComparison.Ordinal) || c.Contains("CR1S", StringComparison.Ordinal));
    }
}
