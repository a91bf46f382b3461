using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.Cli;

public class FitCommandMixedTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new FitCommand().Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Fit_RandomEffectsFormula_PrintsRemlSummaryWithSatterthwaiteDf()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("mixed/sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Linear mixed model fit by REML", output, StringComparison.Ordinal);
        Assert.Contains("Satterthwaite", output, StringComparison.Ordinal);
        // Source: lme4 1.1-31 REMLcrit(lmer(Reaction ~ Days + (Days | Subject), sleepstudy)) = 1743.628 (analysis-reference.md §1b).
        Assert.Contains("REML criterion at convergence: 1743.6283", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MlFlag_PrintsDeviance()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("mixed/sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)", "--ml");
        Assert.Equal(ExitCodes.Ok, code);
        // Source: analysis-reference.md §1b, ML deviance 1751.93934448899.
        Assert.Contains("Deviance: 1751.9393", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SingularModelAsJson_ReportsBoundaryInWords()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("mixed/Dyestuff2.csv"), "--formula", "Yield ~ 1 + (1 | Batch)", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"singular\": true", output, StringComparison.Ordinal);
        Assert.Contains("random intercept for Batch is estimated as zero", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MixedModelWithCluster_IsInvalidInput()
    {
        var (code, _, error) = Run("--data", Golden.PathOf("mixed/sleepstudy.csv"), "--formula", "Reaction ~ Days + (1 | Subject)", "--cluster", "Subject");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("cluster", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_UnknownGroupingColumn_IsInvalidInputNamingIt()
    {
        var (code, _, error) = Run("--data", Golden.PathOf("mixed/sleepstudy.csv"), "--formula", "Reaction ~ Days + (1 | Patient)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'Patient'", error, StringComparison.Ordinal);
    }
}
