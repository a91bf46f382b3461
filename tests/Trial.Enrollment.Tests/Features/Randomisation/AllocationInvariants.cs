using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>What must hold after any randomisation load, checked straight in the database.</summary>
internal static class AllocationInvariants
{
    public static async Task AssertAsync(IServiceProvider services, byte[] seed, int expectedAllocations)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var protocol = scope.ServiceProvider.GetRequiredService<TrialProtocol>();
        var all = await db.Randomisations.AsNoTracking().ToListAsync();
        Assert.Equal(expectedAllocations, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.ParticipantId).Distinct().Count());
        var sequence = new AllocationSequence(seed, protocol.Blocks);
        var counters = await db.AllocationCounters.AsNoTracking().ToDictionaryAsync(c => (c.Stratum, c.Period));
        foreach (var group in all.GroupBy(r => (r.Stratum, r.Period)))
        {
            // Every slot 0..n-1 used exactly once: none taken twice, none skipped.
            Assert.Equal(Enumerable.Range(0, group.Count()), group.Select(r => r.Slot!.Value).Order());
            Assert.Equal(group.Count(), counters[group.Key].NextSlot);
            var period = protocol.Periods.Single(p => p.Code.Value == group.Key.Period);
            foreach (var r in group)
            {
                Assert.Equal(sequence.At(r.Stratum, period, r.Slot!.Value).Arm.Value, r.Arm);
            }
            // Within the block bounds: the arm counts are off the exact ratio by less than one largest block.
            var ips = group.Count(r => r.Arm == "ips");
            var expectedIps = group.Count() * (double)period.Ratio.WeightOf(ArmCode.Parse("ips")) / period.Ratio.Total;
            Assert.InRange(Math.Abs(ips - expectedIps), 0, protocol.Blocks.MaxMultiples * period.Ratio.Total);
        }
        var audit = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
        Assert.True(audit.Intact, string.Join("\n", audit.Problems));
        Assert.Equal(all.Count, await db.AuditEntries.CountAsync(e => e.Action == "randomisation.allocated"));
    }
}
