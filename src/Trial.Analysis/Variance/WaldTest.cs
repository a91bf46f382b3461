namespace Trial.Analysis.Variance;

/// <summary>Wald test of a <see cref="LinearHypothesis"/>: F = (Rβ−r)'(RVR')⁻¹(Rβ−r)/q on (q, df) with the inference's df rule.</summary>
public sealed record WaldTest(string Hypothesis, double F, int NumeratorDf, double DenominatorDf, double PValue, string Convention)
{
    public override string ToString() =>
        $"Wald test {Hypothesis}: F({NumeratorDf}, {DenominatorDf:G6}) = {F:G6}, p = {PValue:G4} [{Convention}]";
}
