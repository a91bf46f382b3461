using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// At start: words that earlier releases kept in the research store (a withdrawal's reason, a paper allocation's
/// reason) become sealed notes in the identity store, and the research rows keep a code in their place
/// (<see cref="WithdrawalRecord.MovedToNotes"/>, <see cref="PaperReasons.Other"/>). Research script 0011 lets the
/// append-only tables take exactly that change. The notes commit first and are not written twice, so a failure
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
        if (withdrawals.Count == 0 && papers.Count == 0)
        {
            return 0;
        }
        var moved = (await identities.Notes.AsNoTracking().Select(n => n.Regarding).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var w in withdrawals.Where(w => !moved.Contains(w.Id)))
        {
            await notes.AddAsync(w.ParticipantId, NoteKind.Withdrawal, w.Id, w.Reason, w.RecordedBy, w.RecordedAt, cancellationToken);
        }
        foreach (var r in papers.Where(r => !moved.Contains(r.Id)))
        {
            await notes.AddAsync(r.ParticipantId, NoteKind.PaperAllocation, r.Id, r.PaperReason, r.RandomisedBy, r.RandomisedAt, cancellationToken);
        }
        await using var transaction = await research.Database.BeginTransactionAsync(cancellationToken);
        withdrawals.ForEach(w => w.Reason = WithdrawalRecord.MovedToNotes);
        papers.ForEach(r => r.PaperReason = PaperReasons.Other);
        await research.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SqliteFileRewrite.RunAsync(research, cancellationToken);
        return withdrawals.Count + papers.Count;
    }
}
