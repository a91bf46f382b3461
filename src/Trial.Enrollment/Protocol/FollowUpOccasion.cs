namespace Trial.Enrollment.Protocol;

public sealed record FollowUpOccasion(string Code, int MonthsAfterRandomisation);
