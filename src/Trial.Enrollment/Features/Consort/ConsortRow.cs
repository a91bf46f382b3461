namespace Trial.Enrollment.Features.Consort;

/// <summary>One CONSORT count: stage (assessed, excluded, randomised, allocated, withdrawn) and its qualifier.</summary>
public sealed record ConsortRow(string Stage, string Group, int Count);
