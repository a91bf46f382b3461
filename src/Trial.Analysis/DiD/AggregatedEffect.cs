namespace Trial.Analysis.DiD;

/// <summary>One aggregated effect: an event time e (dynamic), a group g (group) or the overall summary, with analytic SE.</summary>
public sealed record AggregatedEffect(string Label, double Key, double Att, double StdError);
