using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// Direct identifiers are sealed field by field (AES-256-GCM, a key per person wrapped by the master key outside the
/// database); a keyed hash of the fødselsnummer finds duplicates; erasure removes the person's key; a duplicate at
/// another centre is refused without saying where, and audited.
/// </summary>
public abstract class IdentityEncryptionTests(DatabaseProvider provider)
{
    private static async Task<(Trial.Enrollment.Identity.PersonRecord? Person, Trial.Enrollment.Identity.PersonKeyRecord? Key)> StoredAsync(TrialTestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        return (await identities.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.ParticipantId == id),
            await identities.PersonKeys.AsNoTracking().SingleOrDefaultAsync(k => k.ParticipantId == id));
    }

    [Fact]
    public async Task Screening_StoresIdentifiersSealed_AndStaffStillSeeAndFindThem()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "sealed");
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_001));
        var nationalId = TestPeople.NationalId(280_001);

        var (person, key) = await StoredAsync(app, id);
        Assert.NotNull(key);
        var stored = string.Join('|', person!.NationalId, person.Name, person.Email, person.NationalIdHash);
        Assert.DoesNotContain(nationalId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 280001", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("p280001@example.org", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(nationalId, Convert.ToBase64String(key!.WrappedKey), StringComparison.Ordinal);

        var detail = await oslo.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.Equal(("Person 280001", nationalId), (detail.GetProperty("name").GetString(), detail.GetProperty("nationalId").GetString()));
        foreach (var q in new[] { nationalId, "person 280001" })
        {
            var found = await oslo.GetFromJsonAsync<JsonElement>($"/api/participants?q={Uri.EscapeDataString(q)}");
            Assert.Contains(found.EnumerateArray(), p => p.GetProperty("participantId").GetGuid() == id);
        }
    }

    [Fact]
    public async Task DuplicateAtAnotherCentre_IsRefusedWithoutSayingWhere_AndAudited()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "sealed_dup");
        var oslo = await app.ClientAsync("coord.oslo");
        var hadeland = await app.ClientAsync("coord.hadeland");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_101));

        var elsewhere = await TrialApi.ScreenAsync(hadeland, "hadeland", 280_101);
        var here = await TrialApi.ScreenAsync(oslo, "oslo", 280_101);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (elsewhere.StatusCode, here.StatusCode));
        var body = await elsewhere.Content.ReadAsStringAsync();
        Assert.Equal((await TrialApi.ProblemAsync(here)).GetProperty("detail").GetString(), JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain("oslo", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id.ToString(), body, StringComparison.OrdinalIgnoreCase);

        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "screening.duplicate-refused").Select(e => new { e.Chain, e.Subject, e.Actor }).ToListAsync();
        Assert.Contains(audit, e => e.Chain == "hadeland" && e.Subject == id.ToString() && e.Actor == "coord.hadeland");
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task Erasure_RemovesTheKey_SoTheSealedIdentifiersCanNoLongerBeOpened_AndIsAudited()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "sealed_erase");
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_201));
        var (backup, _) = await StoredAsync(app, id);

        Assert.Equal(HttpStatusCode.Forbidden, (await oslo.DeleteAsync($"/api/participants/{id}/identity")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientAsync("manager")).DeleteAsync($"/api/participants/{id}/identity")).StatusCode);

        Assert.Equal((null, null), await StoredAsync(app, id));
        // A backup taken before still holds the sealed row, but no key anywhere opens it.
        var vault = app.Services.GetRequiredService<Trial.Enrollment.Identity.PersonVault>();
        Assert.Null(vault.Open(backup!, null));
        var detail = await oslo.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("name").ValueKind);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries.AnyAsync(e => e.Action == "identity.erased" && e.Subject == id.ToString()));
    }
}

/// <summary>Master-key rotation re-wraps every person's key and the key ring: a node with the new key opens both.</summary>
[Trait("db", "postgres")]
public sealed class MasterKeyRotationTests
{
    [Fact]
    public async Task Rotation_NodeWithTheNewKey_OpensIdentifiers_FindsDuplicates_AndAcceptsEarlierTokens()
    {
        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var keyFile = Path.Combine(Path.GetTempPath(), "trial-master-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(keyFile, newKey);
        string database;
        Guid id;
        System.Net.Http.Headers.AuthenticationHeaderValue token;
        await using (var before = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "rotation"))
        {
            var oslo = await before.ClientAsync("coord.oslo");
            id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 280_301));
            token = oslo.DefaultRequestHeaders.Authorization!;
            await using var scope = before.Services.CreateAsyncScope();
            var rotated = await Trial.Enrollment.Hosting.Keys.MasterKeyRotation.RotateAsync(scope.ServiceProvider.GetRequiredService<IdentityStoreContext>(),
                scope.ServiceProvider.GetRequiredService<TrialDbContext>(), before.Services.GetRequiredService<Trial.Enrollment.Hosting.Keys.MasterKey>(),
                Trial.Enrollment.Hosting.Keys.MasterKey.FromExistingFile(keyFile), CancellationToken.None);
            Assert.Equal(1, rotated);
            database = before.ConnectionString;
        }
        await using var after = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "rotation", joinDatabase: database, masterKey: newKey);
        using var client = after.Anonymous();
        client.DefaultRequestHeaders.Authorization = token;
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.Equal("Person 280301", detail.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await TrialApi.ScreenAsync(client, "oslo", 280_301)).StatusCode);
        File.Delete(keyFile);
    }
}

public sealed class SqliteIdentityEncryptionTests() : IdentityEncryptionTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresIdentityEncryptionTests() : IdentityEncryptionTests(DatabaseProvider.Postgres);
