using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Access;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>
/// A participant whose centre the protocol no longer lists (an amendment dropped it after they consented) has no branch
/// in the checks' stratum statement, so the slot is taken in a round trip of its own (TakeSlotAsync); it must still give
/// each slot of that stratum once, in order, on both providers.
/// </summary>
public class UnlistedCentreRandomisationTests
{
    private const string SeedHex = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Randomise_CentreNoLongerListed_TakesTheNextSlotsOfItsOwnStratum(DatabaseProvider provider)
    {
        await using var app = await TrialTestApp.StartAsync(provider, "unlisted");
        await TrialApi.SetSeedAsync(app, SeedHex);
        // People 0 and 1 (oslo, hadeland) are moved to a centre the protocol does not list; person 2 stays at vestfold.
        var people = await Population.ConsentAsync(app.Services, 3, early: 0, firstPerson: 96_000, parallelism: 1);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
            Assert.False(scope.ServiceProvider.GetRequiredService<TrialProtocol>().HasCentre(CentreCode.Parse("ringerike")));
            Assert.Equal(2, await db.Participants.Where(p => p.Id == people[0].Id || p.Id == people[1].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Centre, "ringerike")));
        }
        var manager = new StaffUser("manager", StaffRole.TrialManager, OrganisationCode.Parse("trial-office"),
            [.. Population.Manager.Centres, CentreCode.Parse("ringerike")]);
        app.Clock.Reset(TrialApi.DayAtNoon(people[0].RandomiseOn));
        foreach (var (id, _) in people)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ParticipantRandomisation>().RandomiseAsync(ParticipantId.From(id),
                new RandomiseRequest(), $"unlisted-{id}", manager, CancellationToken.None);
            Assert.Equal(AllocationOrigin.Created, outcome.Origin);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
            var protocol = scope.ServiceProvider.GetRequiredService<TrialProtocol>();
            var all = await db.Randomisations.AsNoTracking().ToListAsync();
            var ringerike = all.Where(r => r.Stratum == "ringerike").OrderBy(r => r.Slot).ToList();
            Assert.Equal([(people[0].Id, 0), (people[1].Id, 1)], ringerike.Select(r => (r.ParticipantId, r.Slot!.Value)));
            Assert.Equal(0, all.Single(r => r.ParticipantId == people[2].Id).Slot);
            var period = protocol.Periods.Single(p => p.Code.Value == ringerike[0].Period);
            Assert.Equal(2, (await db.AllocationCounters.AsNoTracking().SingleAsync(c => c.Stratum == "ringerike" && c.Period == period.Code.Value)).NextSlot);
            var sequence = new AllocationSequence(Convert.FromHexString(SeedHex), protocol.Blocks);
            Assert.All(all, r => Assert.Equal(sequence.At(r.Stratum, period, r.Slot!.Value).Arm.Value, r.Arm));
            // The chains (ringerike's new one too) verify; the only findings are the two centre moves this test made by hand.
            var audit = await Trial.Enrollment.Features.Audit.AuditVerifier.VerifyAsync(db, CancellationToken.None);
            Assert.Equal(2, audit.Problems.Count);
            Assert.All(audit.Problems, p => Assert.Contains("participants.centre is 'ringerike' in the database", p.Message, StringComparison.Ordinal));
            Assert.Contains(audit.Heads.Keys, chain => chain.Contains("ringerike", StringComparison.Ordinal));
        }
    }
}
