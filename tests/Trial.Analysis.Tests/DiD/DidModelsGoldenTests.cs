using Trial.Analysis.DiD;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.DiD;

/// <summary>Seed-000 event study, canonical 2×2 and ANCOVA against lm + sandwich (reference/did_reference.R).</summary>
public class DidModelsGoldenTests
{
    private const string File = "did_reference.csv";

    [Fact]
    public void Seed000EventStudy_MatchesLmWithPersonAndMonthDummies()
    {
        var data = EventStudyPhases.AddPhaseColumns(Golden.Data("event_study.csv"), "month", "start", EventStudyPhases.Seed000Bins);
        var fit = OlsEstimator.Fit(EventStudyPhases.Seed000Model("work", "person", "month"), data);
        var full = fit.Infer(VcovSpec.Stata());
        var nested = fit.Infer(VcovSpec.Fixest());
        foreach (var bin in EventStudyPhases.Seed000Bins)
        {
            Golden.AssertRelative(Golden.Value(File, "event_study", "seed000", "coef", bin.Column), fit.Coefficients[fit.IndexOf(bin.Column)], 1e-9, bin.Column);
            Golden.AssertRelative(Golden.Value(File, "event_study", "seed000", "se_CR1S_person_fullK", bin.Column), full.StandardError(bin.Column), 1e-8, "full K " + bin.Column);
            Golden.AssertRelative(Golden.Value(File, "event_study", "seed000", "se_CR1S_person_nestedK", bin.Column), nested.StandardError(bin.Column), 1e-8, "nested K " + bin.Column);
        }
    }

    [Fact]
    public void PhaseColumns_AreZeroBeforeStartAndForNeverStarters()
    {
        var data = EventStudyPhases.AddPhaseColumns(Trial.Analysis.Data.DataFrame.FromNumeric(("t", [1, 5, 9, 15, 3]), ("s", [5, 5, 5, 5, double.NaN])), "t", "s", EventStudyPhases.Seed000Bins);
        Assert.Equal([0, 1, 0, 0, 0], data.Numeric("phase_0_3").Values);
        Assert.Equal([0, 0, 1, 0, 0], data.Numeric("phase_4_6").Values);
        Assert.Equal([0, 0, 0, 1, 0], data.Numeric("phase_gt9").Values);
    }

    [Fact]
    public void OverlappingBins_AreRejected() =>
        Assert.Throws<ModelInputException>(() => EventStudyPhases.AddPhaseColumns(Trial.Analysis.Data.DataFrame.FromNumeric(("t", [1]), ("s", [0])), "t", "s",
            [new PhaseBin("a", 0, 3), new PhaseBin("b", 3, 6)]));

    [Fact]
    public void TwoByTwo_MatchesLmInteractionWithVcovCl()
    {
        var fit = OlsEstimator.Fit(DidModels.TwoByTwo("y", "treat", "post", "id"), Golden.Data("rct_long.csv"));
        var term = DidModels.InteractionTerm("treat", "post");
        Golden.AssertRelative(Golden.Value(File, "rct", "2x2", "coef", "treat:post"), fit.Coefficients[fit.IndexOf(term)], 1e-10, "β");
        Golden.AssertRelative(Golden.Value(File, "rct", "2x2", "se_CR1S_id", "treat:post"), fit.Infer(VcovSpec.Stata()).StandardError(term), 1e-8, "SE");
    }

    [Fact]
    public void Ancova_MatchesLmWithHc1()
    {
        var fit = OlsEstimator.Fit(DidModels.Ancova("y1", "treat", "y0"), Golden.Data("rct_wide.csv"));
        Golden.AssertRelative(Golden.Value(File, "rct", "ancova", "coef", "treat"), fit.Coefficients[fit.IndexOf("treat")], 1e-10, "β");
        Golden.AssertRelative(Golden.Value(File, "rct", "ancova", "se_HC1", "treat"), fit.Infer(VcovSpec.Hetero(VcovKind.HC1)).StandardError("treat"), 1e-8, "SE");
    }
}
