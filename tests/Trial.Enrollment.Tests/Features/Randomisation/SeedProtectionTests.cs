using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>The seed is never in the database in plain text, the API does not hand it out, and rotation keeps the sequence.</summary>
public class SeedProtectionTests
{
    private const string SeedHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    [Fact]
    public async Task SetSeed_StoresItEncryptedAndReturnsOnlyItsHash()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "seed-encrypted");
        var response = await (await app.ClientAsync("statistician")).PostAsJsonAsync("/api/allocation/seed", new { seedHex = SeedHex });
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SeedHex, body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(SeedHex))), body, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AllocationSeeds.AsNoTracking().SingleAsync();
        Assert.NotNull(record.KeyId);
        Assert.DoesNotContain(SeedHex, Convert.ToHexStringLower(record.Seed), StringComparison.Ordinal);
        // Still the same sequence: randomisation works from the decrypted seed.
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 295_000);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, id, "seed-1")).StatusCode);
    }

    [Fact]
    public void Unprotect_WithAnotherKey_IsRefusedNamingBothKeys()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var other = RandomNumberGenerator.GetBytes(32);
        var stored = SeedProtection.Protect(Convert.FromHexString(SeedHex), key);
        Assert.Equal(SeedHex, Convert.ToHexStringLower(SeedProtection.Unprotect(stored, SeedProtection.IdOf(key), key)));
        var refused = Assert.Throws<RejectedException>(() => SeedProtection.Unprotect(stored, SeedProtection.IdOf(key), other));
        Assert.Equal("seed-key-mismatch", refused.Code);
        Assert.Contains(SeedProtection.IdOf(key), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_ReencryptsUnderTheNewKeyAndAudits()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "seed-rotate");
        await TrialApi.SetSeedAsync(app, SeedHex);
        var newKey = RandomNumberGenerator.GetBytes(32);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var keyId = await SeedKeyRotation.RotateAsync(db, scope.ServiceProvider.GetRequiredService<SeedProtection>(),
            scope.ServiceProvider.GetRequiredService<AuditTrail>(), newKey, "test", CancellationToken.None);
        var record = await db.AllocationSeeds.AsNoTracking().SingleAsync();
        Assert.Equal((SeedProtection.IdOf(newKey), keyId), (record.KeyId, record.KeyId));
        Assert.Equal(SeedHex, Convert.ToHexStringLower(SeedProtection.Unprotect(record.Seed, keyId, newKey)));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "allocation.seed-key-rotated"));
    }
}
