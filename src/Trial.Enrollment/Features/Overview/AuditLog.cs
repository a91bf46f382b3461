using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Overview;

/// <summary>One audit entry as the auditor reads it; <paramref name="At"/> is in the trial's time zone (the page writes it in its language).</summary>
public sealed record AuditLine(long Id, LocalDateTime At, string Chain, string Actor, string Action, string Subject, string Payload);

public sealed record AuditEntries(IReadOnlyList<AuditLine> Rows, int Total, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads the audit trail for the auditor and the trial manager, newest first, 50 a page.</summary>
internal sealed class AuditLog(TrialDbContext db, Protocol.TrialProtocol protocol)
{
    private const int PageSize = 50;

    public async Task<AuditEntries> ReadAsync(StaffUser user, AuditFilter filter, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Auditor, StaffRole.TrialManager);
        var chains = user.Centres.Select(c => c.Value).Append(Audit.AuditTrail.TrialChain).ToList();
        var query = db.AuditEntries.AsNoTracking().Where(e => chains.Contains(e.Chain));
        if (!string.IsNullOrWhiteSpace(filter.Chain))
        {
            // Another centre's chain is refused, not answered with an empty list the reader could take for "nothing happened".
            if (!chains.Contains(filter.Chain))
            {
                user.RequireCentre(Protocol.CentreCode.Parse(filter.Chain));
            }
            query = query.Where(e => e.Chain == filter.Chain);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(e => e.Actor == filter.Actor.Trim());
        }
        if (filter.From is { } from)
        {
            var start = from.AtStartOfDayInZone(protocol.TimeZone).ToInstant();
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(protocol.TimeZone).ToInstant();
            query = query.Where(e => e.At < end);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Id).Skip((Math.Max(1, filter.Page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new AuditEntries(rows.Select(e => new AuditLine(e.Id, e.At.InZone(protocol.TimeZone).LocalDateTime, e.Chain, e.Actor, e.Action,
            e.Subject, e.Payload.Length > 300 ? e.Payload[..300] + "…" : e.Payload)).ToList(), total, PageSize);
    }
}
