namespace Trial.Analysis.CostBenefit;

/// <summary>
/// How many years of working life remain for the participants, and why (e.g. retirement at 67 − mean age at
/// inclusion). Seed 001's NNV sums to retirement at most, so a horizon beyond it is explained in the output.
/// </summary>
public sealed record WorkingLife(int Years, string Basis);
