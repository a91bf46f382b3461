namespace Trial.Followup.Coordinator;

/// <summary>What the answer-entry page needs to know about an occasion: which form, whose centre, which participant.</summary>
public sealed record OccasionForEntry(Guid Occasion, string Code, string Centre, Guid Participant, string State);
