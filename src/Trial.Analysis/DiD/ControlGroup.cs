namespace Trial.Analysis.DiD;

/// <summary>Comparison units of Callaway–Sant'Anna: never treated, or not yet treated by max(t, base period) (R did's control_group).</summary>
public enum ControlGroup
{
    NeverTreated,
    NotYetTreated,
}
