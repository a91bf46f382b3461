using Trial.Protocol.Files;

namespace Trial.Enrollment.Protocol;

public sealed record EligibilityCriterion(string Code, CriterionRule Rule, int? MinAge, string ExclusionReason, LocalisedText Text);
