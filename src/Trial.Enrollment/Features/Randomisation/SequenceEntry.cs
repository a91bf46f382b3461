namespace Trial.Enrollment.Features.Randomisation;

public sealed record SequenceEntry(int Slot, int Block, int BlockSize, string Arm, bool Used);
