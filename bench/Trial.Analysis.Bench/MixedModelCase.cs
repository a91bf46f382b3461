namespace Trial.Analysis.Bench;

/// <summary>Case B: 250,000 participants × (0, 6, 12 months), ~20% follow-ups missing, y ~ time*arm + (1|id), REML.</summary>
internal static class MixedModelCase
{
    public static void Run(TextWriter report, TextWriter progress) => progress.WriteLine("case B: not yet implemented");
}
