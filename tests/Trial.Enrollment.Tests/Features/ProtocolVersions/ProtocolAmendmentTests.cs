using Trial.Protocol.Files;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.ProtocolVersions;

/// <summary>
/// Protocol amendments are versions, never silent edits: a changed protocol under the same version stops start-up
/// naming what changed; a new version needs an amendment (effective date, reason), may not move a date already
/// randomised to another period or ratio, and is audited; the export lists every version, and each participant's
/// allocation names the version it ran under.
/// </summary>
public class ProtocolAmendmentTests
{
    private const string Period2 = """
          - code: p2-1to1
            from: 2014-02-02
            ratio: { ips: 1, control: 1 }
            reason: equal allocation after the caseloads were filled
        """;

    /// <summary>The committed protocol's own version line and amendment (1.2.0 amended 1.1.0 with names in both languages).</summary>
    private const string CommittedVersion = "version: 1.2.0\n";

    private const string CommittedReason = "organisation names in nb-NO and en: pages show them in the reader's language";

    private const string CommittedAmendment = $"amendment: {{ effectiveOn: 2013-10-11, reason: \"{CommittedReason}\" }}\n";

    /// <summary>1.1.0's amendment (it amended 1.0.0 with fieldAccess).</summary>
    private const string FieldAccessReason = "fieldAccess added: the fields each kind of organisation may see and record (seed 002)";

    private static void Rewrite(string protocol, Func<string, string> change)
    {
        var file = Path.Combine(protocol, "protocol.yaml");
        var before = File.ReadAllText(file);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(file, after);
    }

    private static async Task<string> RefusedAsync(string folder, string protocol)
    {
        var error = await Assert.ThrowsAsync<ProtocolFileException>(() =>
            TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend", existingDataDirectory: folder, protocolDirectory: protocol));
        return error.Message;
    }

    [Fact]
    public async Task Protocol_EditedWithoutVersion_OrAmendedOverRandomisedDates_IsRefused_ElseAmendmentIsRecordedAndExported()
    {
        var protocol = RepositoryPaths.CopyOfIpsProtocol();
        string folder, firstSha;
        await using (var first = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend", protocolDirectory: protocol))
        {
            folder = first.ConnectionString;
            firstSha = first.Services.GetRequiredService<TrialProtocol>().Sha256;
            await TrialApi.SetSeedAsync(first);
            var manager = await first.ClientAsync("manager");
            var id = await TrialApi.ConsentedAsync(manager, "oslo", 95_001, "2014-11-01");
            Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, "amend-1")).StatusCode);
        }

        // Same version, changed content: refused, naming the file and key.
        Rewrite(protocol, t => t.Replace("reason: equal allocation after the caseloads were filled", "reason: equal allocation", StringComparison.Ordinal));
        var silent = await RefusedAsync(folder, protocol);
        Assert.Contains("protocol.yaml: $.allocationPeriods: changed since version 1.2.0 was recorded", silent, StringComparison.Ordinal);

        // A new version without an amendment: refused.
        Rewrite(protocol, t => t.Replace(CommittedVersion, "version: 1.3.0\n", StringComparison.Ordinal).Replace(CommittedAmendment, "", StringComparison.Ordinal));
        Assert.Contains("protocol.yaml: $.amendment: version 1.3.0 follows 1.2.0: give amendment.effectiveOn and amendment.reason", await RefusedAsync(folder, protocol), StringComparison.Ordinal);

        // An amendment that moves an already randomised date (2014-11-01, period p2-1to1 at 1:1) into another period: refused.
        var amended = File.ReadAllText(Path.Combine(protocol, "protocol.yaml"));
        Rewrite(protocol, t => t.Replace("version: 1.3.0", "version: 1.3.0\namendment: { effectiveOn: 2014-10-01, reason: restart 2:1 }", StringComparison.Ordinal)
            .Replace("    from: 2014-02-02\n    ratio: { ips: 1, control: 1 }", "    from: 2014-02-02\n    to: 2014-09-30\n    ratio: { ips: 1, control: 1 }", StringComparison.Ordinal)
            .Replace("\nstratification:", "  - { code: p3-2to1, from: 2014-10-01, ratio: { ips: 2, control: 1 }, reason: more IPS places }\n\nstratification:", StringComparison.Ordinal));
        Assert.Contains("protocol.yaml: $.allocationPeriods: 2014-11-01 was randomised in period p2-1to1 (1:1); this version puts it in p3-2to1 (2:1)",
            await RefusedAsync(folder, protocol), StringComparison.Ordinal);

        // The same amendment effective after every randomised date: recorded, audited, exported.
        File.WriteAllText(Path.Combine(protocol, "protocol.yaml"), amended);
        Rewrite(protocol, t => t.Replace("version: 1.3.0", "version: 1.3.0\namendment: { effectiveOn: 2014-11-02, reason: more IPS places }", StringComparison.Ordinal)
            .Replace("    from: 2014-02-02\n    ratio: { ips: 1, control: 1 }", "    from: 2014-02-02\n    to: 2014-11-01\n    ratio: { ips: 1, control: 1 }", StringComparison.Ordinal)
            .Replace("\nstratification:", "  - { code: p3-2to1, from: 2014-11-02, ratio: { ips: 2, control: 1 }, reason: more IPS places }\n\nstratification:", StringComparison.Ordinal));
        await using var second = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend", existingDataDirectory: folder, protocolDirectory: protocol);
        var secondSha = second.Services.GetRequiredService<TrialProtocol>().Sha256;
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var audit = await db.AuditEntries.Where(e => e.Action.StartsWith("protocol.")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["protocol.recorded", "protocol.amended"], audit.Select(e => e.Action));
        Assert.Contains("\"reason\":\"more IPS places\"", audit[1].Payload, StringComparison.Ordinal);

        var package = Path.Combine(Path.GetTempPath(), "amend-" + Guid.NewGuid().ToString("N")[..10]);
        await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(package, "test", CancellationToken.None);
        Assert.Equal(
            ["version,sha256,effective_on,reason", $"1.2.0,{firstSha},2013-10-11,{CommittedReason}", $"1.3.0,{secondSha},2014-11-02,more IPS places"],
            File.ReadAllLines(Path.Combine(package, "protocol-versions.csv")));
        var participant = File.ReadAllLines(Path.Combine(package, "participants.csv"));
        Assert.Equal(firstSha, participant[1].Split(',')[Array.IndexOf(participant[0].Split(','), "protocol_sha256")]);
    }

    /// <summary>
    /// 1.1.0, amending 1.0.0 with fieldAccess. Its names are written in both languages here because this reader reads
    /// only the current form; the service that ran 1.1.0 read one name, and its recorded text is never read again.
    /// </summary>
    private static string AsVersion110(string committed) =>
        committed.Replace(CommittedVersion, "version: 1.1.0\n", StringComparison.Ordinal)
            .Replace(CommittedAmendment, $"amendment: {{ effectiveOn: 2013-10-11, reason: \"{FieldAccessReason}\" }}\n", StringComparison.Ordinal);

    [Fact]
    public async Task CommittedProtocol_AmendsTheVersionWithFieldAccess_WhichAmendedTheVersionWithoutIt()
    {
        // Version 1.0.0: no fieldAccess, no amendment. A trial that ran under it and randomised someone.
        var previous = RepositoryPaths.CopyOfIpsProtocol();
        Rewrite(previous, t =>
        {
            var withoutAccess = t[..t.IndexOf("\nfieldAccess:", StringComparison.Ordinal)] + "\n" + t[t.IndexOf("\nfollowUp:", StringComparison.Ordinal)..];
            return AsVersion110(withoutAccess).Replace("version: 1.1.0\n", "version: 1.0.0\n", StringComparison.Ordinal)
                .Replace($"amendment: {{ effectiveOn: 2013-10-11, reason: \"{FieldAccessReason}\" }}\n", "", StringComparison.Ordinal);
        });
        string folder;
        await using (var first = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend_access", protocolDirectory: previous))
        {
            folder = first.ConnectionString;
            Assert.Equal("1.0.0", first.Services.GetRequiredService<TrialProtocol>().Version);
            await TrialApi.SetSeedAsync(first);
            var manager = await first.ClientAsync("manager");
            var id = await TrialApi.ConsentedAsync(manager, "oslo", 95_101, "2014-11-01");
            Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, "amend-access")).StatusCode);
        }

        // 1.1.0 starts on that database as an amendment, recorded and audited with its reason; all three versions take
        // effect on the same day, so "previous" is the version recorded before, not whichever row came first.
        var withAccess = RepositoryPaths.CopyOfIpsProtocol();
        Rewrite(withAccess, AsVersion110);
        await using (var accessAdded = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend_access", existingDataDirectory: folder, protocolDirectory: withAccess))
        {
            Assert.Equal("1.1.0", accessAdded.Services.GetRequiredService<TrialProtocol>().Version);
        }

        // The committed protocol starts on it as the amendment 1.2.0: the names in both languages.
        await using var amended = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "amend_access", existingDataDirectory: folder,
            protocolDirectory: RepositoryPaths.CopyOfIpsProtocol());
        var protocol = amended.Services.GetRequiredService<TrialProtocol>();
        Assert.Equal("1.2.0", protocol.Version);
        var office = protocol.FindOrganisation(OrganisationCode.Parse("trial-office"))!.Name;
        Assert.Equal(("Uni Research (prosjektkontoret)", "Uni Research (trial office)"), (office.For("nb-NO"), office.For("en")));
        await using var scope = amended.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var audit = await db.AuditEntries.Where(e => e.Action.StartsWith("protocol.")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["protocol.recorded", "protocol.amended", "protocol.amended"], audit.Select(e => e.Action));
        Assert.Contains("fieldAccess added", audit[1].Payload, StringComparison.Ordinal);
        Assert.Contains("\"previous\":\"1.0.0\"", audit[1].Payload, StringComparison.Ordinal);
        Assert.Contains("organisation names in nb-NO and en", audit[2].Payload, StringComparison.Ordinal);
        Assert.Contains("\"previous\":\"1.1.0\"", audit[2].Payload, StringComparison.Ordinal);
    }
}
