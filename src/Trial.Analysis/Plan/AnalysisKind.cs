namespace Trial.Analysis.Plan;

public enum AnalysisKind
{
    StatusAtMonths,
    BeforeAfter,
    Lpm,
    Subgroups,
    CentreEffects,
    WindowSweep,
    EarlyLate,
    AllocationPeriod,
    Ancova,
    EventStudy,
    QuestionnaireMeans,
    MixedModel,
    Attrition,
    InverseProbabilityWeighting,
    MultipleImputation,
}
