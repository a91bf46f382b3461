using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// After an erasure on SQLite, the person's wrapped key and sealed identifiers are gone from the bytes of identity.db
/// and its WAL, not only from its rows: secure_delete overwrites the deleted cells, and a truncating checkpoint drops
/// the WAL frames that once wrote them. (On PostgreSQL see the README: dead tuples stay until VACUUM.)
/// </summary>
[Trait("db", "sqlite")]
public sealed class ErasureResidueTests
{
    [Fact]
    public async Task Erasure_OnSqlite_LeavesNoneOfThePersonsKeyOrSealedIdentifiersInTheIdentityFiles()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "erasure_residue");
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_301));
        var other = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_302));
        byte[][] secrets;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
            var key = await identities.PersonKeys.AsNoTracking().SingleAsync(k => k.ParticipantId == id);
            var person = await identities.Persons.AsNoTracking().SingleAsync(p => p.ParticipantId == id);
            secrets = [key.WrappedKey, Encoding.UTF8.GetBytes(person.NationalId), Encoding.UTF8.GetBytes(person.Name)];
        }
        Assert.All(secrets, s => Assert.True(InIdentityFiles(app, s), "the secret is in the files before the erasure"));

        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientAsync("manager")).DeleteAsync($"/api/participants/{id}/identity")).StatusCode);

        Assert.All(secrets, s => Assert.False(InIdentityFiles(app, s), "erased bytes left in identity.db or its WAL"));
        await using var check = app.Services.CreateAsyncScope();
        Assert.True(await check.ServiceProvider.GetRequiredService<IdentityStoreContext>().PersonKeys.AnyAsync(k => k.ParticipantId == other));
    }

    /// <summary>
    /// An identity file from before secure_delete (version 4, no file_rewrites) holds the bytes of a deletion made
    /// without it; starting this release rewrites the file once, and records that, so the next start does not.
    /// </summary>
    [Fact]
    public async Task IdentityFileFromBeforeSecureDelete_IsRewrittenOnceAtUpgrade_AndLosesOldResidue()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-sqlite-" + Guid.NewGuid().ToString("N")[..10]);
        await (await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "rewrite_once", registerFollowup: false, existingDataDirectory: folder)).DisposeAsync();
        var residue = Encoding.UTF8.GetBytes("deleted-before-secure-delete-" + Guid.NewGuid().ToString("N"));
        await using (var old = new SqliteConnection($"Data Source={Path.Combine(folder, "identity.db")};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = """
                PRAGMA secure_delete = OFF;
                CREATE TABLE residue (words TEXT); INSERT INTO residue VALUES (@words); DROP TABLE residue;
                DROP TABLE file_rewrites; DELETE FROM schema_versions WHERE component = 'identity' AND version = 5;
                PRAGMA wal_checkpoint(TRUNCATE);
                """;
            command.Parameters.AddWithValue("@words", Encoding.UTF8.GetString(residue));
            await command.ExecuteNonQueryAsync();
        }
        Assert.True(FileBytes.AnyContains(folder, residue, "identity.db", "identity.db-wal"), "the deleted words are in the old file's bytes");

        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "rewrite_once", registerFollowup: false, existingDataDirectory: folder);
        Assert.False(FileBytes.AnyContains(folder, residue, "identity.db", "identity.db-wal", "identity.db-journal"), "old residue left in identity.db");
        await using var scope = app.Services.CreateAsyncScope();
        var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        Assert.Equal(["before-secure-delete"],
            await identities.Database.SqlQueryRaw<string>("SELECT reason AS \"Value\" FROM file_rewrites WHERE done_at IS NOT NULL").ToListAsync());
        Assert.Empty(await SqliteFileRewrite.RunPendingAsync(identities, app.Clock, CancellationToken.None));
    }

    /// <summary>Whether the bytes occur anywhere in identity.db, identity.db-wal or identity.db-journal as they lie on disk.</summary>
    private static bool InIdentityFiles(TrialTestApp app, byte[] secret) =>
        FileBytes.AnyContains(app.ConnectionString, secret, "identity.db", "identity.db-wal", "identity.db-journal");
}
