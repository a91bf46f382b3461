using System.Data.Common;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// The previous release (058f74f) kept a withdrawal's reason ("asked") in the research store and in Follow-up's stop
/// record, and a paper allocation's reason in the research store. Started on this release, those words are sealed notes
/// in the identity store; the research rows hold a code in their place and the audit chains stay intact. The audit
/// trail, hashed by that release with each payload inside its hash, is re-chained to hash version 2 and the paper
/// allocation's words redacted from it (and from the SQLite file's bytes); the head kept before still verifies.
/// </summary>
public abstract class FreeTextUpgradeTests(DatabaseProvider provider)
{
    private const string WithdrawalWords = "asked";
    private const string PaperWords = "service unreachable during a network outage";

    [Fact]
    public async Task OldFreeText_MovesToSealedNotes_AndResearchKeepsACode()
    {
        var restored = provider == DatabaseProvider.Postgres ? await UpgradeFromPreviousReleaseTests.PostgresRestoreAsync() : null;
        var folder = restored is null ? UpgradeFromPreviousReleaseTests.SqliteCopy() : null;
        var keptHead = await TrailHeadOfAsync(restored is null
            ? new SqliteConnection($"Data Source={Path.Combine(folder!, "trial.db")};Pooling=False")
            : new NpgsqlConnection(restored.ConnectionString));
        await using var app = await TrialTestApp.StartAsync(provider, "upgrade_freetext", registerFollowup: false,
            joinDatabase: restored?.ConnectionString, existingDataDirectory: folder, settings: restored?.Settings);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var notes = scope.ServiceProvider.GetRequiredService<PersonNotes>();
        var withdrawal = await db.Withdrawals.AsNoTracking().SingleAsync();
        Assert.Equal(WithdrawalRecord.MovedToNotes, withdrawal.Reason);
        var withdrawn = Assert.Single(await notes.ReadAsync(withdrawal.ParticipantId, CancellationToken.None));
        Assert.Equal((NoteKind.Withdrawal, withdrawal.Id, WithdrawalWords, withdrawal.RecordedBy, withdrawal.RecordedAt),
            (withdrawn.Kind, withdrawn.Regarding, withdrawn.Text, withdrawn.WrittenBy, withdrawn.WrittenAt));

        var paper = await db.Randomisations.AsNoTracking().SingleAsync(r => r.Method == AllocationMethod.Paper);
        Assert.Equal(PaperReasons.Other, paper.PaperReason);
        var paperNote = Assert.Single(await notes.ReadAsync(paper.ParticipantId, CancellationToken.None));
        Assert.Equal((NoteKind.PaperAllocation, paper.Id, PaperWords), (paperNote.Kind, paperNote.Regarding, paperNote.Text));

        var stops = await db.Database.SqlQueryRaw<string>(provider == DatabaseProvider.Postgres
            ? "SELECT reason AS \"Value\" FROM followup.contact_stop" : "SELECT reason AS \"Value\" FROM followup_contact_stop").ToListAsync();
        Assert.DoesNotContain(WithdrawalWords, stops);
        Assert.Contains("withdrew-followup-contact", stops);

        var entries = await db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.All(entries, e => Assert.Equal(2, e.HashVersion));
        Assert.DoesNotContain(entries, e => e.Payload.Contains(PaperWords, StringComparison.Ordinal));
        Assert.Contains("\"redacted\"", entries.Single(e => e.Action == "randomisation.paper-entered").Payload, StringComparison.Ordinal);
        if (folder is not null)
        {
            Assert.False(InResearchFiles(folder, Encoding.UTF8.GetBytes(PaperWords)), "the redacted words are still in trial.db's bytes");
        }

        var verify = await (await app.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>($"/api/audit/verify?expect={keptHead}");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.Contains(verify.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("before the hash-v2 upgrade", StringComparison.Ordinal));
    }

    /// <summary>The trail head as the previous release computed it, which its export manifest recorded.</summary>
    private static async Task<string> TrailHeadOfAsync(DbConnection connection)
    {
        await using var _ = connection;
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM audit_entries ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var head = AuditHash.Genesis;
        while (await reader.ReadAsync())
        {
            head = TrailHead.Fold(head, reader.GetString(0));
        }
        return head;
    }

    private static bool InResearchFiles(string folder, byte[] words) => FileBytes.AnyContains(folder, words, "trial.db", "trial.db-wal", "trial.db-journal");
}

public sealed class SqliteFreeTextUpgradeTests() : FreeTextUpgradeTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresFreeTextUpgradeTests() : FreeTextUpgradeTests(DatabaseProvider.Postgres);
