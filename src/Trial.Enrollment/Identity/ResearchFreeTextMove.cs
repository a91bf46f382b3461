using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// At start: words that earlier releases kept in the research store (a withdrawal's reason, a paper allocation's
/// reason, a mistaken randomisation's reason) become sealed notes in the identity store, and the research rows keep a
/// code in their place (<see cref="WithdrawalRecord.MovedToNotes"/>, <see cref="PaperReasons.Other"/>,
/// <see cref="MistakeReasons.Other"/>). Research scripts 0011 and 0013 let the append-only tables take exactly that change. The notes commit first and are not written twice, so a failure
/// between the two stores only means the next start finishes the move. Audit entries are never changed (they are
/// hash-chained): an old paper allocation's entry still holds its words.
/// </summary>
internal static class ResearchFreeTextMove
{
    public static async Task<int> MoveAsync(TrialDbContext research, IdentityStoreContext identities, PersonNotes notes, CancellationToken cancellationToken)
    {
        var withdrawals = await research.Withdrawals
            .Where(w => w.Reason != "" && w.Reason != WithdrawalRecord.MovedToNotes).ToListAsync(cancellationToken);
        var papers = await research.Randomisations
            .Where(r => r.Method == AllocationMethod.Paper && r.PaperReason != null && !PaperReasons.Codes.Contains(r.PaperReason)).ToListAsync(cancellationToken);
        var mistakes = await research.Randomisations
            .Where(r => r.Mistaken && r.MistakenReason != null && !MistakeReasons.Codes.Contains(r.MistakenReason)).ToListAsync(cancellationToken);
        if (withdrawals.Count == 0 && papers.Count == 0 && mistakes.Count == 0)
        {
            return 0;
        }
        // One randomisation can have both a paper reason and a mistake reason: a note is known by its kind and subject.
        var moved = (await identities.Notes.AsNoTracking().Select(n => new { n.Kind, n.Regarding }).ToListAsync(cancellationToken))
            .Select(n => (n.Kind, n.Regarding)).ToHashSet();
        foreach (var w in withdrawals.Where(w => !moved.Contains((NoteKind.Withdrawal, w.Id))))
        {
            await notes.AddAsync(w.ParticipantId, NoteKind.Withdrawal, w.Id, w.Reason, w.RecordedBy, w.RecordedAt, cancellationToken);
        }
        foreach (var r in papers.Where(r => !moved.Contains((NoteKind.PaperAllocation, r.Id))))
        {
            await notes.AddAsync(r.ParticipantId, NoteKind.PaperAllocation, r.Id, r.PaperReason, r.RandomisedBy, r.RandomisedAt, cancellationToken);
        }
        foreach (var r in mistakes.Where(r => !moved.Contains((NoteKind.MistakenRandomisation, r.Id))))
        {
            // The row has no time of the mark; its audit entry has.
            var markedAt = await research.AuditEntries.AsNoTracking()
                .Where(e => e.Action == "randomisation.marked-mistaken" && e.Subject == r.ParticipantId.ToString())
                .Select(e => (NodaTime.Instant?)e.At).FirstOrDefaultAsync(cancellationToken) ?? r.RandomisedAt;
            await notes.AddAsync(r.ParticipantId, NoteKind.MistakenRandomisation, r.Id, r.MistakenReason, r.MistakenBy ?? r.RandomisedBy, markedAt, cancellationToken);
        }
        await using var transaction = await research.Database.BeginTransactionAsync(cancellationToken);
        withdrawals.ForEach(w => w.Reason = WithdrawalRecord.MovedToNotes);
        papers.ForEach(r => r.PaperReason = PaperReasons.Other);
        await research.SaveChangesAsync(cancellationToken);
        // Apart from the paper reasons: the append-only triggers take one of the two codes per update of a row.
        mistakes.ForEach(r => r.MistakenReason = MistakeReasons.Other);
        await research.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SqliteFileRewrite.RunAsync(research, cancellationToken);
        return withdrawals.Count + papers.Count + mistakes.Count;
    }
}
