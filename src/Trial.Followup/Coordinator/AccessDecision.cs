namespace Trial.Followup.Coordinator;

/// <summary>The result of a centre-scope check.</summary>
internal enum AccessDecision
{
    Allowed,
    Unauthenticated,
    Forbidden,
}
