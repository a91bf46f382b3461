using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Contact;
using Trial.Followup.Export;
using Trial.Protocol.Package;

namespace Trial.Enrollment.Features.Export;

/// <summary>
/// The "database lock": writes a frozen data package (participants, covariates, screening, CONSORT, and Follow-up's
/// files) with a manifest of row counts and SHA-256s. No direct identifier is read: the identity store is not touched.
/// </summary>
internal sealed class DataPackageExport(TrialDbContext db, TrialProtocol protocol, IClock clock, ConsortCounts consort, IServiceProvider services)
{
    public async Task<PackageManifest> WriteAsync(string directory, string lockedBy, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw RejectedException.Invalid("out", "empty-folder", $"'{directory}' is not empty; a lock is never written over another.");
        }
        Directory.CreateDirectory(directory);
        var participants = await db.Participants.AsNoTracking().OrderBy(p => p.ResearchId).ToListAsync(cancellationToken);
        var randomisations = await db.Randomisations.AsNoTracking().ToDictionaryAsync(r => r.ParticipantId, cancellationToken);
        var withdrawals = (await db.Withdrawals.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(w => w.ParticipantId);
        var randomised = participants.Where(p => randomisations.ContainsKey(p.Id)).ToList();
        string Date(LocalDate? d) => d?.ToString("R", null) ?? "";
        string Scopes(Guid id) => string.Join(';', withdrawals[id].Select(w => WithdrawalEffects.Code(w.Scope)).Order(StringComparer.Ordinal));
        bool DataUseWithdrawn(Guid id) => withdrawals[id].Any(w => w.Scope == WithdrawalScope.DataUse);

        var files = new List<ManifestFile>();
        async Task Add(string name, string[] header, IEnumerable<IReadOnlyList<object?>> rows) =>
            files.Add(await PackageCsvWriter.WriteAsync(directory, name, header, rows, cancellationToken));

        await Add("participants.csv",
            ["participant_id", "centre", "arm", "period", "ratio", "stratum", "block", "randomised_on", "protocol_sha256", "mistaken", "mistaken_reason", "died_on",
                "withdrawn_scopes"],
            randomised.Select(p => (p, r: randomisations[p.Id])).Select(x => (IReadOnlyList<object?>)
            [
                x.p.ResearchId, x.p.Centre, x.r.Arm, x.r.Period, x.r.Ratio, x.r.Stratum, x.r.Block, Date(x.r.RandomisedOn), x.r.ProtocolSha256, x.r.Mistaken,
                x.r.MistakenReason, Date(x.p.DiedOn), Scopes(x.p.Id),
            ]));
        // Codes and dates only: the reason a participant gave is free text and never leaves the service.
        await Add("withdrawals.csv", ["participant_id", "scope", "effective_on"],
            randomised.SelectMany(p => withdrawals[p.Id].Select(w => (p.ResearchId, Scope: WithdrawalEffects.Code(w.Scope), w.EffectiveOn)))
                .OrderBy(w => w.ResearchId, StringComparer.Ordinal).ThenBy(w => w.Scope, StringComparer.Ordinal)
                .Select(w => (IReadOnlyList<object?>)[w.ResearchId, w.Scope, Date(w.EffectiveOn)]));
        var baseline = await ParticipantBaseline.LatestAsync(db, null, cancellationToken);
        await Add("covariates.csv", CovariateRows.Header(protocol.Baseline),
            randomised.Select(p => CovariateRows.Row(protocol.Baseline, p,
                baseline.TryGetValue(p.Id, out var b) ? b.Answers : new Dictionary<string, string?>(), DataUseWithdrawn(p.Id))));
        await Add("screening.csv", ["screening_id", "centre", "screened_on", "eligible", "exclusion_reason", "consent", "randomised"],
            participants.Select(p => (IReadOnlyList<object?>)
            [
                p.ResearchId, p.Centre, Date(p.ScreenedOn), p.Eligible, p.ExclusionReason,
                p.State switch { Participants.ParticipantState.DeclinedConsent => "declined", Participants.ParticipantState.Consented or Participants.ParticipantState.Randomised => "given", _ => null },
                randomisations.ContainsKey(p.Id),
            ]));
        var counts = await consort.ComputeAsync(null, cancellationToken);
        await Add("consort.csv", ["stage", "group", "count"], counts.Select(c => (IReadOnlyList<object?>)[c.Stage, c.Group, c.Count]));
        var versions = ProtocolVersions.ProtocolVersionRecord.InOrder(await db.Set<ProtocolVersions.ProtocolVersionRecord>().AsNoTracking().ToListAsync(cancellationToken));
        await Add("protocol-versions.csv", ["version", "sha256", "effective_on", "reason"],
            versions.Select(v => (IReadOnlyList<object?>)[v.Version, v.Sha256, Date(v.EffectiveOn), v.Reason]));
        var fidelity = await FidelityPackageFile.RowsAsync(db, services.GetRequiredService<FidelityScales>(), cancellationToken);
        if (fidelity.Count > 0)
        {
            await Add(FidelityPackageFile.Name, FidelityPackageFile.Header, fidelity);
        }

        if (services.GetService<IFollowupExport>() is { } followup)
        {
            var ids = randomised.ToDictionary(p => ParticipantRef.From(p.Id), p => p.ResearchId);
            files.AddRange(await followup.WriteFilesAsync(directory, ids, AnswerCutOffs(randomised, withdrawals), cancellationToken));
        }

        // The trail head goes outside the database with the package; `audit verify --expect` checks the trail still reaches it.
        var auditHead = (await Audit.TrailHead.WalkAsync(db, null, cancellationToken)).Head;
        var manifest = PackageManifest.Create(protocol.Trial, InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()), lockedBy,
            new ManifestProtocol(protocol.Version, protocol.Sha256), files) with { AuditHead = auditHead };
        await manifest.WriteAsync(directory, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// No answers at all after a withdrawal from data use; none completed on or after the effective day (trial time
    /// zone) after a withdrawal from data collection.
    /// </summary>
    private Dictionary<ParticipantRef, Instant> AnswerCutOffs(List<ParticipantRecord> randomised, ILookup<Guid, WithdrawalRecord> withdrawals)
    {
        var cuts = new Dictionary<ParticipantRef, Instant>();
        foreach (var p in randomised)
        {
            var scopes = withdrawals[p.Id].ToList();
            if (scopes.Any(w => w.Scope == WithdrawalScope.DataUse))
            {
                cuts[ParticipantRef.From(p.Id)] = Instant.MinValue;
            }
            else if (scopes.FirstOrDefault(w => w.Scope == WithdrawalScope.DataCollection) is { } collection)
            {
                cuts[ParticipantRef.From(p.Id)] = collection.EffectiveOn.AtStartOfDayInZone(protocol.TimeZone).ToInstant();
            }
        }
        return cuts;
    }
}
