using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>What one slot of a stratum's sequence allocates. Never leaves the server except to the statistician.</summary>
/// <param name="Slot">0-based position in the (stratum, period) sequence.</param>
/// <param name="Block">1-based block number within that sequence.</param>
internal readonly record struct SequenceSlot(int Slot, ArmCode Arm, int Block, int BlockSize);
