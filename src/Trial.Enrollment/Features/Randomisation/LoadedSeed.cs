namespace Trial.Enrollment.Features.Randomisation;

internal sealed record LoadedSeed(string SeedSha256, AllocationSequence Sequence);
