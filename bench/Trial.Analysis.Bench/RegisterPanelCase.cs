namespace Trial.Analysis.Bench;

/// <summary>Case A: 10M person-months, person + month FE, phase dummies, covariates, clustered by person.</summary>
internal static class RegisterPanelCase
{
    public static void Run(TextWriter report, TextWriter progress) => progress.WriteLine("case A: not yet implemented");
}
