using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// Notes (a withdrawal's reason, a correction's note) hold what people write: names, fødselsnummer, phone numbers. They
/// are sealed with the person's key like the identifiers: the stored bytes are not the words, reading opens them, and
/// notes written before sealing are sealed at the next start.
/// </summary>
public abstract class NoteSealingTests(DatabaseProvider provider)
{
    private const string Words = "Kari Nordmann 01019012345 ringte fra 99887766";
    private const string Marker = "99887766";

    [Fact]
    public async Task WithdrawalReason_IsStoredSealed_AndOpensWithThePersonsKey()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "notes_sealed", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.RandomisedAsync(oslo, "oslo", 281_001, "ns1");
        Assert.Equal(HttpStatusCode.NoContent, (await oslo.PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "followup-contact", effectiveOn = "2014-11-01", reason = Words })).StatusCode);

        var stored = Assert.Single(await StoredNotesAsync(app));
        Assert.DoesNotContain(Marker, stored, StringComparison.Ordinal);
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.False(await IdentityStoreHoldsAsync(app, Marker));
        Assert.Equal([Words], (await ReadAsync(app, id)).Select(n => n.Text));

        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientAsync("manager")).DeleteAsync($"/api/participants/{id}/identity")).StatusCode);
        Assert.Empty(await ReadAsync(app, id));
        Assert.Empty(await StoredNotesAsync(app));
    }

    [Fact]
    public async Task PlainNotesFromBeforeSealing_AreSealedAtTheNextStart_AndNotesOfErasedPersonsGo()
    {
        Guid id;
        string data;
        await using (var before = await TrialTestApp.StartAsync(provider, "notes_legacy", registerFollowup: false))
        {
            id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await before.ClientAsync("coord.oslo"), "oslo", 281_101));
            await using var scope = before.Services.CreateAsyncScope();
            var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
            // Rows as the previous release wrote them: plain text, not marked sealed; one about a person whose key is gone.
            identities.Notes.Add(PlainNote(id, Words));
            identities.Notes.Add(PlainNote(Guid.NewGuid(), "erased person " + Marker));
            await identities.SaveChangesAsync();
            Assert.True(await IdentityStoreHoldsAsync(before, Marker));
            data = before.ConnectionString;
        }
        await using var after = await TrialTestApp.StartAsync(provider, "notes_legacy", registerFollowup: false,
            joinDatabase: provider == DatabaseProvider.Postgres ? data : null, existingDataDirectory: provider == DatabaseProvider.Sqlite ? data : null);

        var stored = Assert.Single(await StoredNotesAsync(after));
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.False(await IdentityStoreHoldsAsync(after, Marker));
        Assert.Equal([Words], (await ReadAsync(after, id)).Select(n => n.Text));
    }

    private static NoteRecord PlainNote(Guid participant, string text) => new()
    {
        Id = Guid.NewGuid(), ParticipantId = participant, Kind = NoteKind.Withdrawal, Regarding = Guid.NewGuid(), Text = text,
        Sealed = false, WrittenBy = "coord.oslo", WrittenAt = NodaTime.Instant.FromUtc(2014, 10, 1, 12, 0),
    };

    private static async Task<IReadOnlyList<PersonNote>> ReadAsync(TrialTestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonNotes>().ReadAsync(id, CancellationToken.None);
    }

    /// <summary>The text column of every note, as stored.</summary>
    private static async Task<List<string>> StoredNotesAsync(TrialTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityStoreContext>().Notes.AsNoTracking().Select(n => n.Text).ToListAsync();
    }

    /// <summary>
    /// Whether the identity store holds the text anywhere: on SQLite the files byte for byte (free pages and the
    /// write-ahead log too), on PostgreSQL any row of the identity schema.
    /// </summary>
    private static async Task<bool> IdentityStoreHoldsAsync(TrialTestApp app, string text)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return Directory.GetFiles(app.ConnectionString, "identity.db*")
                .Any(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)).Contains(text, StringComparison.Ordinal));
        }
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM identity.notes t WHERE t::text LIKE '%' || @text || '%')
                 + (SELECT count(*) FROM identity.persons t WHERE t::text LIKE '%' || @text || '%')
            """, connection);
        command.Parameters.AddWithValue("text", text);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}

public sealed class SqliteNoteSealingTests() : NoteSealingTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresNoteSealingTests() : NoteSealingTests(DatabaseProvider.Postgres);
