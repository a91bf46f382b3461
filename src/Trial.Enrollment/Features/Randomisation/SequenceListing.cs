using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>The statistician's view of a sequence. No other role can reach the list or the position.</summary>
internal sealed class SequenceListing(TrialDbContext db, TrialProtocol protocol, AllocationSeeds seeds)
{
    public async Task<IReadOnlyList<SequenceEntry>> ListAsync(StaffUser user, string stratum, string period, int count, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Statistician);
        var allocationPeriod = protocol.Periods.FirstOrDefault(p => p.Code.Value == period)
                               ?? throw RejectedException.Invalid("period", "known-period", $"'{period}' is not an allocation period.");
        if (protocol.Centres.All(c => protocol.StratumOf(c.Code) != stratum))
        {
            throw RejectedException.Invalid("stratum", "known-stratum", $"'{stratum}' is not a stratum.");
        }
        if (count is < 1 or > 10_000)
        {
            throw RejectedException.Invalid("count", "range", "count is between 1 and 10000.");
        }
        var seed = await seeds.FindAsync(db, cancellationToken)
                   ?? throw RejectedException.Conflict("no-allocation-seed", "The allocation seed has not been set.");
        var used = await db.AllocationCounters.AsNoTracking().Where(c => c.Stratum == stratum && c.Period == period)
            .Select(c => c.NextSlot).FirstOrDefaultAsync(cancellationToken);
        return Enumerable.Range(0, count)
            .Select(i => seed.Sequence.At(stratum, allocationPeriod, i))
            .Select(s => new SequenceEntry(s.Slot, s.Block, s.BlockSize, s.Arm.Value, s.Slot < used))
            .ToList();
    }
}
