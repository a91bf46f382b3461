namespace Trial.Enrollment.Protocol;

/// <summary>How an eligibility criterion is evaluated at screening.</summary>
public enum CriterionRule
{
    /// <summary>Age on the screening date, from the fødselsnummer, is at least <see cref="EligibilityCriterion.MinAge"/>.</summary>
    MinAge,
    /// <summary>The screener answers yes or no; yes passes.</summary>
    YesNo,
}
