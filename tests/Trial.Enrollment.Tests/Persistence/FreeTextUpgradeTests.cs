using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// The previous release (058f74f) kept a withdrawal's reason ("asked") in the research store and in Follow-up's stop
/// record, and a paper allocation's reason in the research store. Started on this release, those words are sealed notes
/// in the identity store; the research rows hold a code in their place and the audit chains stay intact.
/// </summary>
public abstract class FreeTextUpgradeTests(DatabaseProvider provider)
{
    private const string WithdrawalWords = "asked";
    private const string PaperWords = "service unreachable during a network outage";

    [Fact]
    public async Task OldFreeText_MovesToSealedNotes_AndResearchKeepsACode()
    {
        var restored = provider == DatabaseProvider.Postgres ? await UpgradeFromPreviousReleaseTests.PostgresRestoreAsync() : null;
        await using var app = await TrialTestApp.StartAsync(provider, "upgrade_freetext", registerFollowup: false,
            joinDatabase: restored?.ConnectionString, existingDataDirectory: restored is null ? UpgradeFromPreviousReleaseTests.SqliteCopy() : null,
            settings: restored?.Settings);

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

        var verify = await (await app.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }
}

public sealed class SqliteFreeTextUpgradeTests() : FreeTextUpgradeTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresFreeTextUpgradeTests() : FreeTextUpgradeTests(DatabaseProvider.Postgres);
