using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// Release 058f74f kept the trial manager's words for a mistaken randomisation in randomisations.mistaken_reason, which
/// the data package exports. At start they become a sealed note, dated by the mark's audit entry, and the row keeps the
/// code 'other'; the append-only trigger takes that change and no other.
/// </summary>
public abstract class MistakenReasonMoveTests(DatabaseProvider provider)
{
    private const string Words = "Ola Nordmann was randomised twice, see the phone log";

    [Fact]
    public async Task OldMistakenWords_MoveToASealedNote_AndTheRowKeepsTheCode()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "mistaken_move", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var manager = await app.ClientAsync("manager");
        var id = await TrialApi.RandomisedAsync(manager, "oslo", 282_001, "mistaken-move");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/participants/{id}/randomisation/mistaken", new { code = "duplicate", reason = "typed today" })).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var row = await db.Randomisations.AsNoTracking().SingleAsync(r => r.ParticipantId == id);
        // As release 058f74f left it: no note, the words in the research row.
        await scope.ServiceProvider.GetRequiredService<IdentityStoreContext>().Notes.Where(n => n.Regarding == row.Id).ExecuteDeleteAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE randomisations SET mistaken_reason = {Words} WHERE id = {row.Id}"));
        await TriggerBypass.RunAsync(db, "randomisations_mistaken_once",
            () => db.Database.ExecuteSqlAsync($"UPDATE randomisations SET mistaken_reason = {Words} WHERE id = {row.Id}"));

        var notes = scope.ServiceProvider.GetRequiredService<PersonNotes>();
        Assert.Equal(1, await ResearchFreeTextMove.MoveAsync(db, scope.ServiceProvider.GetRequiredService<IdentityStoreContext>(), notes, CancellationToken.None));

        Assert.Equal("other", (await db.Randomisations.AsNoTracking().SingleAsync(r => r.Id == row.Id)).MistakenReason);
        var note = Assert.Single(await notes.ReadAsync(id, CancellationToken.None));
        var markedAt = await db.AuditEntries.Where(e => e.Action == "randomisation.marked-mistaken" && e.Subject == id.ToString()).Select(e => e.At).SingleAsync();
        Assert.Equal((NoteKind.MistakenRandomisation, row.Id, Words, "manager", markedAt), (note.Kind, note.Regarding, note.Text, note.WrittenBy, note.WrittenAt));
        Assert.Equal(0, await ResearchFreeTextMove.MoveAsync(db, scope.ServiceProvider.GetRequiredService<IdentityStoreContext>(), notes, CancellationToken.None));
    }
}

[Trait("db", "sqlite")]
public sealed class SqliteMistakenReasonMoveTests() : MistakenReasonMoveTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresMistakenReasonMoveTests() : MistakenReasonMoveTests(DatabaseProvider.Postgres);
