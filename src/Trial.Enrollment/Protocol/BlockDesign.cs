namespace Trial.Enrollment.Protocol;

/// <summary>Permuted blocks whose size is a random whole number of ratio multiples between the two bounds.</summary>
public sealed record BlockDesign(int MinMultiples, int MaxMultiples);
