namespace Trial.Analysis.Plan;

public enum ClusterLevel
{
    None,
    Centre,
    Participant,
}
