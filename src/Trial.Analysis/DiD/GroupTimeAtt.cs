namespace Trial.Analysis.DiD;

/// <summary>ATT(g, t) with its base period, analytic SE (influence function, did's bstrap = FALSE) and group sizes.</summary>
public sealed record GroupTimeAtt(double Group, double Time, double BasePeriod, double Att, double StdError, int TreatedUnits, int ControlUnits)
{
    public bool IsPost => Time >= Group;
}
