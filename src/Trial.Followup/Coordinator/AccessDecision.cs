namespace Trial.Followup.Coordinator;

/// <summary>The result of a centre-scope check.</summary>
internal enum AccessDecision
{
    Allowed,
    Unauthenticated,
    /// <summary>The role is not one that follows up participants (a statistician, an auditor).</summary>
    NotYourRole,
    /// <summary>A coordinator or trial manager of other centres.</summary>
    NotYourCentre,
}
