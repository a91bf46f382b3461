using NodaTime;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Screening;

/// <summary>Evaluates every protocol criterion for one screened person; refuses missing or unknown answers.</summary>
internal static class EligibilityEvaluation
{
    /// <summary>Age in whole years on the screening date.</summary>
    public static int AgeOn(LocalDate birthDate, LocalDate screenedOn) => Period.Between(birthDate, screenedOn, PeriodUnits.Years).Years;

    /// <param name="ageAtScreening">From <see cref="AgeOn"/>; a correction re-uses the stored age, so it needs no identifiers.</param>
    public static EligibilityOutcome Evaluate(TrialProtocol protocol, int ageAtScreening, IReadOnlyDictionary<string, bool> answers)
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
                CriterionRule.MinAge => ageAtScreening >= criterion.MinAge,
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
