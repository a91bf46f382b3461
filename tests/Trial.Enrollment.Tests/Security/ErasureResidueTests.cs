using System.Net;
using System.Text;
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

    /// <summary>Whether the bytes occur anywhere in identity.db, identity.db-wal or identity.db-journal as they lie on disk.</summary>
    private static bool InIdentityFiles(TrialTestApp app, byte[] secret) =>
        new[] { "identity.db", "identity.db-wal", "identity.db-journal" }
            .Select(name => Path.Combine(app.ConnectionString, name))
            .Where(File.Exists)
            .Any(file =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(secret) >= 0;
            });
}
