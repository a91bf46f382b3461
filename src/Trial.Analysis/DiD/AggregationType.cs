namespace Trial.Analysis.DiD;

/// <summary>did::aggte types implemented: simple (weighted post ATT), dynamic (event time), group (per cohort).</summary>
public enum AggregationType
{
    Simple,
    Dynamic,
    Group,
}
