using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Protocol.Package;

namespace Trial.Enrollment.Tests.Features.Export;

/// <summary>
/// Free text written about a person (a withdrawal's reason, why a randomisation was a mistake) holds what people
/// write in such fields: a name, a fødselsnummer, a phone number. It is kept in the identity store only: neither the
/// research store, nor Follow-up's tables, nor any file of the data package holds it; what travels is a code.
/// </summary>
public abstract class FreeTextTests(DatabaseProvider provider) : IDisposable
{
    private const string Words = "Kari Nordmann 01019012345 ringte fra 99887766";
    private const string Marker = "99887766";
    private readonly string _package = Path.Combine(Path.GetTempPath(), "trial-freetext-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_package))
        {
            Directory.Delete(_package, recursive: true);
        }
    }

    [Fact]
    public async Task ReasonsWithIdentifiers_StayInTheIdentityStore_AndOnlyCodesTravel()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "freetext", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var manager = await app.ClientAsync("manager");
        var mistaken = await TrialApi.ConsentedAsync(oslo, "oslo", 270_001);
        var withdrawn = await TrialApi.ConsentedAsync(oslo, "oslo", 270_002);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, mistaken, "ft1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, withdrawn, "ft2")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/participants/{mistaken}/randomisation/mistaken",
            new { code = "duplicate", reason = Words })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await oslo.PostAsJsonAsync($"/api/participants/{withdrawn}/withdrawals",
            new { scope = "data-collection", effectiveOn = "2014-11-01", reason = Words })).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(_package, "statistician", CancellationToken.None);
            var notes = scope.ServiceProvider.GetRequiredService<Trial.Enrollment.Identity.PersonNotes>();
            Assert.Equal([Words], (await notes.ReadAsync(mistaken, CancellationToken.None)).Select(n => n.Text));
            Assert.Equal([Words], (await notes.ReadAsync(withdrawn, CancellationToken.None)).Select(n => n.Text));
        }
        var package = PackageVerifier.Open(_package, PackageExpectations.FromProtocolFolder(RepositoryPaths.IpsProtocol));
        var participants = package.Table("participants.csv")!;
        Assert.Contains(participants.Rows, r => r[participants.ColumnIndex("mistaken")] == "true" && r[participants.ColumnIndex("mistaken_reason")] == "duplicate");
        foreach (var file in Directory.GetFiles(_package))
        {
            Assert.DoesNotContain(Marker, File.ReadAllText(file), StringComparison.Ordinal);
        }
        Assert.Equal([], await ResearchStoreRowsHoldingAsync(app, Marker));
    }

    [Fact]
    public async Task MistakenWithUnknownCode_IsRefusedNamingTheField_AndWritesNothing()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "freetext_code", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.RandomisedAsync(oslo, "oslo", 270_101, "ftc");
        var response = await (await app.ClientAsync("manager")).PostAsJsonAsync($"/api/participants/{id}/randomisation/mistaken",
            new { code = "he lied about his age", reason = Words });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IdentityStoreContext>().Notes.CountAsync());
    }

    /// <summary>Every table outside the identity store (research and Follow-up) whose rows contain <paramref name="text"/>.</summary>
    private static async Task<List<string>> ResearchStoreRowsHoldingAsync(TrialTestApp app, string text)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // The whole research file (and its write-ahead log), byte for byte: no table or index may hold the words.
            SqliteConnection.ClearAllPools();
            return Directory.GetFiles(app.ConnectionString).Where(f => !Path.GetFileName(f).StartsWith("identity", StringComparison.Ordinal))
                .Where(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)).Contains(text, StringComparison.Ordinal)).ToList();
        }
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('identity', 'pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains(tables, t => t.StartsWith("followup.", StringComparison.Ordinal));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || @text || '%'", connection);
            count.Parameters.AddWithValue("text", text);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                holding.Add(table);
            }
        }
        return holding;
    }
}

public sealed class SqliteFreeTextTests() : FreeTextTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresFreeTextTests() : FreeTextTests(DatabaseProvider.Postgres);
