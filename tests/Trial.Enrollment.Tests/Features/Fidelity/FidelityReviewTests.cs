using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Fidelity;

/// <summary>
/// The review workflow through the real service: the manual's example review recorded by a trial manager, with two
/// reviewers' independent scores, consensus, action plan, finalisation, trend and PDF; and every refusal on the way.
/// </summary>
public abstract class FidelityReviewTests(ApiFixture fixture)
{
    private static readonly string ExampleEvidence = File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "protocol", "fidelity", "examples", "manual-example-report.yaml"));

    /// <summary>The example report's score sheet (spec/seed-004.md §5.6).</summary>
    private static readonly Dictionary<string, int> Report = new()
    {
        ["ST1"] = 5, ["ST2"] = 5, ["ST3"] = 5, ["OR1"] = 2, ["OR2"] = 3, ["OR3"] = 4, ["OR4"] = 5, ["OR5"] = 3, ["OR6"] = 4,
        ["OR7"] = 3, ["OR8"] = 4, ["SV1"] = 4, ["SV2"] = 4, ["SV3"] = 4, ["SV4"] = 4, ["SV5"] = 4, ["SV6"] = 5, ["SV7"] = 4,
        ["SV8"] = 4, ["SV9"] = 5, ["SV10"] = 5, ["SV11"] = 5, ["SV12"] = 3, ["SV13"] = 5, ["SV14"] = 4,
    };

    private static int _nextDay;

    private TrialTestApp App => fixture.App;

    private Task<HttpClient> Manager => App.ClientAsync("manager");

    /// <summary>Each test reviews its own date, since a centre has one review of a scale per date.</summary>
    private static string NextDate() => new NodaTime.LocalDate(2012, 1, 1).PlusDays(Interlocked.Increment(ref _nextDay)).ToString("R", null);

    private async Task<Guid> CreateAsync(string centre = "oslo")
    {
        var response = await (await Manager).PostAsJsonAsync("/api/fidelity/reviews",
            new { centre, scale = "ips-25", reviewDate = NextDate(), reviewers = new[] { "Jan Jansen", "Britt Larsen" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> PutEvidenceAsync(Guid id, string text, HttpClient? client = null) =>
        await (client ?? await Manager).PutAsync($"/api/fidelity/reviews/{id}/evidence", new StringContent(text, Encoding.UTF8, "application/yaml"));

    private async Task RecordAsTheReportDidAsync(Guid id)
    {
        var client = await Manager;
        Assert.Equal(HttpStatusCode.OK, (await PutEvidenceAsync(id, ExampleEvidence)).StatusCode);
        var second = Report.ToDictionary(kv => kv.Key, kv => kv.Key == "OR3" ? 3 : kv.Value);   // the reviewers differed on OR3
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/ratings/Jan Jansen", new { scores = Report })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/ratings/britt larsen", new { scores = second })).StatusCode);
        foreach (var (item, score) in Report)
        {
            var response = await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/{item}", new
            {
                score,
                note = $"Agreed at the consensus meeting ({item}).",
                strengths = score >= 4 ? "Strong practice." : null,
                recommendation = score < 5 ? $"Recommendation for {item}." : null,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/fidelity/reviews/{id}/actions",
            new { item = "OR1", action = "Create a new job specialist post", owner = "Berit Hansen", dueOn = "2012-12-01" })).StatusCode);
    }

    [Fact]
    public async Task TheManualsExampleReview_IsRecordedFinalisedAndReported()
    {
        var id = await CreateAsync();
        await RecordAsTheReportDidAsync(id);
        var client = await Manager;
        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/fidelity/reviews/{id}");
        var or3 = draft.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "OR3");
        Assert.True(or3.GetProperty("reviewersDisagree").GetBoolean());
        var st1 = draft.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "ST1");
        Assert.Equal(5, st1.GetProperty("computedScore").GetInt32());
        Assert.Empty(draft.GetProperty("missingForFinal").EnumerateArray());

        var final = await client.PostAsync($"/api/fidelity/reviews/{id}/finalise", null);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        var view = await final.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(103, view.GetProperty("total").GetInt32());
        Assert.Equal("good", view.GetProperty("category").GetString());
        Assert.Equal("final", view.GetProperty("status").GetString());

        var trend = await client.GetFromJsonAsync<JsonElement>("/api/fidelity/centres/oslo/trend");
        Assert.Contains(trend.EnumerateArray(), p => p.GetProperty("review").GetGuid() == id && p.GetProperty("total").GetInt32() == 103);

        var pdf = await client.GetByteArrayAsync($"/api/fidelity/reviews/{id}/report.pdf?lang=en");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        // Kept in the test output so the report can be looked at.
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, $"fidelity-report-{App.Provider}.pdf"), pdf);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(await client.GetByteArrayAsync($"/api/fidelity/reviews/{id}/report.pdf"), 0, 4));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var actions = await db.AuditEntries.Where(a => a.Subject == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains("fidelity.review.created", actions);
        Assert.Contains("fidelity.evidence.recorded", actions);
        Assert.Equal(2, actions.Count(a => a == "fidelity.ratings.recorded"));
        Assert.Equal(25, actions.Count(a => a == "fidelity.consensus.recorded"));
        Assert.Contains("fidelity.review.finalised", actions);
    }

    [Fact]
    public async Task FinalReviews_ReachThePackage_AsFidelityCsv_ThatPassesTheContract()
    {
        var id = await CreateAsync("hadeland");
        await RecordAsTheReportDidAsync(id);
        var draft = await CreateAsync("hadeland");   // a draft never travels
        Assert.Equal(HttpStatusCode.OK, (await (await Manager).PostAsync($"/api/fidelity/reviews/{id}/finalise", null)).StatusCode);
        var date = (await (await Manager).GetFromJsonAsync<JsonElement>($"/api/fidelity/reviews/{id}")).GetProperty("reviewDate").GetString();
        var folder = Path.Combine(Path.GetTempPath(), "fidelity-export-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Trial.Enrollment.Features.Export.DataPackageExport>().WriteAsync(folder, "test", CancellationToken.None);
        }
        // The contract's own rules for every file; the baseline-form columns are the export's contract test's concern.
        var package = Trial.Protocol.Package.PackageVerifier.Open(folder, Trial.Protocol.Package.PackageExpectations.ContractOnly);
        Assert.Contains(package.Manifest.Files, f => f.Name == "fidelity.csv");
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "fidelity.csv"));
        Assert.Equal("centre,scale,scale_version,review_date,total,category", lines[0]);
        Assert.Contains($"hadeland,ips-25,2008-01-07,{date},103,good", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Recommendation", StringComparison.Ordinal) || l.Contains("Jansen", StringComparison.Ordinal));
        Assert.NotEqual(Guid.Empty, draft);
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task AFinalReview_CannotBeChanged_OrFinalisedTwice()
    {
        var id = await CreateAsync();
        await RecordAsTheReportDidAsync(id);
        var client = await Manager;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/fidelity/reviews/{id}/finalise", null)).StatusCode);
        var again = await client.PostAsync($"/api/fidelity/reviews/{id}/finalise", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("review-final", (await TrialApi.ProblemAsync(again)).GetProperty("code").GetString());
        var change = await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/ST1", new { score = 1, note = "changed" });
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutEvidenceAsync(id, ExampleEvidence)).StatusCode);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/fidelity/reviews/{id}");
        Assert.Equal(5, view.GetProperty("items")[0].GetProperty("consensus").GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task AnIncompleteReview_IsNotFinalised_AndSaysWhatIsMissing()
    {
        var id = await CreateAsync();
        var client = await Manager;
        Assert.Equal(HttpStatusCode.OK, (await PutEvidenceAsync(id, ExampleEvidence)).StatusCode);
        await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/ST1", new { score = 3, note = "too low?" });
        await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/OR1", new { score = 2, note = "three teams" });
        var response = await client.PostAsync($"/api/fidelity/reviews/{id}/finalise", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await TrialApi.ProblemAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("Jan Jansen has not scored ST1", detail);
        Assert.Contains("no consensus for ST2", detail);
        Assert.Contains("departs from the computed score without a reason for ST1", detail);
        Assert.Contains("no recommendation for the item(s) scored below 4: ST1, OR1", detail);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/fidelity/reviews/{id}");
        Assert.Equal("draft", view.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"centre\":\"oslo\",\"scale\":\"ips-25\",\"reviewDate\":\"2030-01-01\",\"reviewers\":[\"A\",\"B\"]}", "reviewDate")]
    [InlineData("{\"centre\":\"oslo\",\"scale\":\"ips-25\",\"reviewDate\":\"1900-01-01\",\"reviewers\":[\"A\",\"B\"]}", "reviewDate")]
    [InlineData("{\"centre\":\"oslo\",\"scale\":\"ips-25\",\"reviewDate\":\"2013-01-01\",\"reviewers\":[\"A\",\"a\"]}", "reviewers")]
    [InlineData("{\"centre\":\"oslo\",\"scale\":\"ips-25\",\"reviewDate\":\"2013-01-01\",\"reviewers\":[\"A\"]}", "reviewers")]
    [InlineData("{\"centre\":\"oslo\",\"scale\":\"../../etc/passwd\",\"reviewDate\":\"2013-01-01\",\"reviewers\":[\"A\",\"B\"]}", "scale")]
    [InlineData("{\"centre\":\"mars\",\"scale\":\"ips-25\",\"reviewDate\":\"2013-01-01\",\"reviewers\":[\"A\",\"B\"]}", "centre")]
    public async Task BadReviews_AreRefused_NamingTheField(string body, string field)
    {
        var response = await (await Manager).PostAsync("/api/fidelity/reviews", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ASecondReviewOfTheSameDay_IsAConflict()
    {
        var date = NextDate();
        var body = new { centre = "oslo", scale = "ips-25", reviewDate = date, reviewers = new[] { "A", "B" } };
        Assert.Equal(HttpStatusCode.Created, (await (await Manager).PostAsJsonAsync("/api/fidelity/reviews", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await Manager).PostAsJsonAsync("/api/fidelity/reviews", body)).StatusCode);
    }

    [Fact]
    public async Task BadScoresAndEvidence_AreRefused_AndNothingIsWritten()
    {
        var id = await CreateAsync();
        var client = await Manager;
        var outOfRange = await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/ST1", new { score = 7, note = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("score", (await TrialApi.ProblemAsync(outOfRange)).GetProperty("errors").EnumerateObject().Single().Name);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/XX1", new { score = 3, note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/ratings/Nobody", new { scores = new { ST1 = 3 } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/fidelity/reviews/{id}/ratings/Jan Jansen", new { scores = new { ST1 = 0 } })).StatusCode);
        var negative = await PutEvidenceAsync(id, "format: trial-fidelity-evidence\nformatVersion: 1\nscale: ips-25\nitems:\n  ST1:\n    caseloads:\n      - {specialist: A, fte: 1, participants: -4}\n");
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("$.items.ST1.caseloads[0].participants", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await PutEvidenceAsync(id, "{ not yaml: [")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutEvidenceAsync(id, new string('#', 1_200_000))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/fidelity/reviews/{id}/actions",
            new { item = "OR1", action = "x", owner = "y", dueOn = "1999-01-01" })).StatusCode);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/fidelity/reviews/{id}");
        Assert.All(view.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("consensus").ValueKind));
        Assert.Empty(view.GetProperty("actions").EnumerateArray());
        Assert.All(view.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("computedScore").ValueKind));
    }

    [Fact]
    public async Task OnlyTheTrialManagerOfTheCentre_RecordsReviews()
    {
        var id = await CreateAsync("oslo");
        var coordinator = await App.ClientAsync("coord.oslo");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/ST1", new { score = 3, note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/fidelity/reviews/{id}")).StatusCode);
        var otherManager = await App.ClientAsync("manager.hadeland");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.PutAsJsonAsync($"/api/fidelity/reviews/{id}/consensus/ST1", new { score = 3, note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.GetAsync($"/api/fidelity/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.GetAsync("/api/fidelity/centres/oslo/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("coord.hadeland")).GetAsync($"/api/fidelity/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Anonymous().GetAsync($"/api/fidelity/reviews/{id}")).StatusCode);
    }

    [Fact]
    public async Task UnknownReviews_Are404()
    {
        var client = await Manager;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/fidelity/reviews/{Guid.Empty}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/fidelity/reviews/{Guid.NewGuid()}/finalise", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/fidelity/centres/mars/trend")).StatusCode);
    }
}

public sealed class SqliteFidelityReviewTests(SqliteApiFixture fixture) : FidelityReviewTests(fixture), IClassFixture<SqliteApiFixture>;

[Trait("db", "postgres")]
public sealed class PostgresFidelityReviewTests(PostgresApiFixture fixture) : FidelityReviewTests(fixture), IClassFixture<PostgresApiFixture>;
