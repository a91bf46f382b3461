using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Erasure;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// An erasure and its audit entry are one transaction over both stores: a failure forced between the deletion of the
/// identifiers and the audit append leaves neither (the person is still there and readable, no entry); the repeated
/// erasure then removes the person with exactly one entry.
/// </summary>
public abstract class ErasureAtomicityTests(DatabaseProvider provider)
{
    [Fact]
    public async Task FailureBetweenErasureAndAudit_LeavesNeither_AndTheRepeatedErasureLeavesBoth()
    {
        var hook = new FailOnceHook();
        await using var app = await TrialTestApp.StartAsync(provider, "erasure_atomic", registerFollowup: false,
            replace: services => services.AddSingleton<IErasureHooks>(hook));
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await app.ClientAsync("coord.oslo"), "oslo", 282_001));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonNotes>().AddAsync(id, NoteKind.Withdrawal, Guid.NewGuid(), "ringte 99887766", "coord.oslo", CancellationToken.None);
        }
        var manager = await app.ClientAsync("manager");

        var failed = await manager.DeleteAsync($"/api/participants/{id}/identity");

        Assert.Equal(1, hook.Passes);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal((true, 1, 0), await StateAsync(app, id));

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/participants/{id}/identity")).StatusCode);
        Assert.Equal(2, hook.Passes);
        Assert.Equal((false, 0, 1), await StateAsync(app, id));
    }

    /// <summary>Whether the person's identifiers open, how many of their notes open, and how many erasure entries the audit holds.</summary>
    private static async Task<(bool Opens, int Notes, int Erasures)> StateAsync(TrialTestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        var person = await identities.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.ParticipantId == id);
        var key = await identities.PersonKeys.AsNoTracking().SingleOrDefaultAsync(k => k.ParticipantId == id);
        var opens = person is not null && app.Services.GetRequiredService<PersonVault>().Open(person, key)?.Name == "Person 282001";
        var notes = (await scope.ServiceProvider.GetRequiredService<PersonNotes>().ReadAsync(id, CancellationToken.None)).Count;
        var erasures = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries
            .CountAsync(e => e.Action == "identity.erased" && e.Subject == id.ToString());
        return (opens, notes, erasures);
    }

    /// <summary>Fails the first erasure at the hook, after the identifiers were deleted in its transaction; lets later ones pass.</summary>
    private sealed class FailOnceHook : IErasureHooks
    {
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        public Task BetweenErasureAndAuditAsync(ParticipantId id, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _passes) == 1
                ? throw new InvalidOperationException("Forced failure between the erasure and its audit entry.")
                : Task.CompletedTask;
    }
}

public sealed class SqliteErasureAtomicityTests() : ErasureAtomicityTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresErasureAtomicityTests() : ErasureAtomicityTests(DatabaseProvider.Postgres);
