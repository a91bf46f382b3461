using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.ProtocolVersions;

/// <summary>
/// At start: a protocol is a version, never a silent edit. The version on disk is either recorded with the same hash,
/// or the first version, or an amendment (effective date and reason in protocol.yaml's <c>amendment</c>) that leaves
/// the period and ratio of every date already randomised as they were. Anything else stops start-up naming the rule,
/// the files and keys; nothing is written. A new version is recorded and audited.
/// </summary>
internal static class ProtocolVersionCheck
{
    private const string File = "protocol.yaml";

    public static async Task RunAsync(TrialDbContext db, TrialProtocol protocol, AuditTrail audit, IClock clock, CancellationToken cancellationToken)
    {
        var versions = ProtocolVersionRecord.InOrder(await db.Set<ProtocolVersionRecord>().AsNoTracking().ToListAsync(cancellationToken));
        if (versions.FirstOrDefault(v => v.Version == protocol.Version) is { } recorded)
        {
            if (recorded.Sha256 != protocol.Sha256)
            {
                throw new ProtocolFileException(ProtocolChanges.Between(recorded, protocol.Directory).Select(c => new ProtocolFileError(c.File, c.Path, null,
                    $"changed since version {protocol.Version} was recorded (sha256 {recorded.Sha256[..12]}…, now {protocol.Sha256[..12]}…); give the protocol a new version with an amendment (effectiveOn, reason), or restore the file")).ToList());
            }
            return;
        }
        var errors = new List<ProtocolFileError>();
        if (versions.Count > 0 && protocol.Amendment is null)
        {
            errors.Add(new ProtocolFileError(File, "$.amendment", null,
                $"version {protocol.Version} follows {versions[^1].Version}: give amendment.effectiveOn and amendment.reason"));
        }
        if (versions.Count > 0 && protocol.Amendment is { } amendment && amendment.EffectiveOn < versions[^1].EffectiveOn)
        {
            errors.Add(new ProtocolFileError(File, "$.amendment.effectiveOn", null,
                $"{amendment.EffectiveOn:uuuu-MM-dd} is before version {versions[^1].Version} took effect ({versions[^1].EffectiveOn:uuuu-MM-dd})"));
        }
        // The allocation already made stays what it was: every randomised date keeps its period and ratio.
        var allocated = await db.Randomisations.AsNoTracking().Select(r => new { r.RandomisedOn, r.Period, r.Ratio }).Distinct().ToListAsync(cancellationToken);
        foreach (var moved in allocated.Where(a => protocol.PeriodOn(a.RandomisedOn) is not { } p || p.Code.Value != a.Period || p.Ratio.ToString() != a.Ratio)
                     .OrderBy(a => a.RandomisedOn).Take(5))
        {
            var now = protocol.PeriodOn(moved.RandomisedOn);
            errors.Add(new ProtocolFileError(File, "$.allocationPeriods", null,
                $"{moved.RandomisedOn:uuuu-MM-dd} was randomised in period {moved.Period} ({moved.Ratio}); this version puts it in {(now is null ? "no period" : $"{now.Code.Value} ({now.Ratio})")}"));
        }
        if (errors.Count > 0)
        {
            throw new ProtocolFileException(errors);
        }
        var record = new ProtocolVersionRecord
        {
            Version = protocol.Version,
            Sha256 = protocol.Sha256,
            EffectiveOn = protocol.Amendment?.EffectiveOn ?? protocol.Periods.Min(p => p.From),
            Reason = protocol.Amendment?.Reason ?? "first version",
            RecordedAt = clock.GetCurrentInstant(),
            Files = JsonSerializer.Serialize(ProtocolChanges.FileHashes(protocol.Directory)),
            ProtocolYaml = await System.IO.File.ReadAllTextAsync(Path.Combine(protocol.Directory, File), cancellationToken),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, "service", versions.Count == 0 ? "protocol.recorded" : "protocol.amended", "protocol",
            new { version = record.Version, sha256 = record.Sha256, effectiveOn = record.EffectiveOn.ToString("R", null), reason = record.Reason,
                previous = versions.Count == 0 ? null : versions[^1].Version }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
