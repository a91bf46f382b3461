using NodaTime;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Screening;

/// <summary>Evaluates every protocol criterion for one screened person; refuses missing or unknown answers.</summary>
internal static class EligibilityEvaluation
{
    public static EligibilityOutcome Evaluate(TrialProtocol protocol, LocalDate birthDate, LocalDate screenedOn, IReadOnlyDictionary<string, bool> answers)
    {
        foreach (var key in answers.Keys.Where(k => protocol.Eligibility.All(c => c.Code != k || c.Rule != CriterionRule.YesNo)))
        {
            throw RejectedException.Invalid($"answers.{key}", "known-criterion", $"'{key}' is not a yes/no criterion of this protocol.");
        }
        var failed = new List<EligibilityCriterion>();
        foreach (var criterion in protocol.Eligibility)
        {
            var passes = criterion.Rule switch
            {
                CriterionRule.MinAge => Period.Between(birthDate, screenedOn, PeriodUnits.Years).Years >= criterion.MinAge,
                _ => answers.TryGetValue(criterion.Code, out var yes)
                    ? yes
                    : throw RejectedException.Invalid($"answers.{criterion.Code}", "required", $"Answer '{criterion.Code}': {criterion.Text.For("en")}."),
            };
            if (!passes)
            {
                failed.Add(criterion);
            }
        }
        return new EligibilityOutcome(failed.Select(c => c.Code).ToList(), failed.FirstOrDefault()?.ExclusionReason);
    }
}
