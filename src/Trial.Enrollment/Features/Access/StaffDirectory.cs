using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Staff accounts: creating them (role, organisation and centres checked against the protocol), listing, disabling,
/// password reset and change, and revoking every session. Each change is audited in the trial chain, by its actor.
/// </summary>
internal sealed class StaffDirectory(TrialDbContext db, TrialProtocol protocol, AuditTrail audit, StaffPasswords passwords)
{
    public const int MinPasswordLength = 12;

    public async Task<StaffUserRecord> AddAsync(string username, string displayName, string password, string role, string organisation,
        IReadOnlyList<string> centres, CancellationToken cancellationToken, string actor = "cli")
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 100)
        {
            throw RejectedException.Invalid("username", "username", "A username has 1 to 100 characters.");
        }
        if (StaffRole.Find(role) is null)
        {
            throw RejectedException.Invalid("role", "known-role", $"'{role}' is not one of {string.Join(", ", StaffRole.All)}.");
        }
        var org = CodeFormat.IsValid(organisation) ? protocol.FindOrganisation(OrganisationCode.Parse(organisation)) : null;
        if (org is null)
        {
            throw RejectedException.Invalid("organisation", "known-organisation", $"'{organisation}' is not an organisation in the protocol.");
        }
        foreach (var centre in centres)
        {
            if (!org.Centres.Any(c => c.Value == centre))
            {
                throw RejectedException.Invalid("centres", "centre-of-organisation", $"Centre '{centre}' does not belong to {org.Name.English}.");
            }
        }
        CheckPassword(password);
        if (await db.StaffUsers.AnyAsync(u => u.Username == username, cancellationToken))
        {
            throw RejectedException.Conflict("username-taken", $"A user named '{username}' already exists.");
        }
        var user = new StaffUserRecord
        {
            Id = Guid.NewGuid(),
            Username = username,
            DisplayName = displayName,
            PasswordHash = "",
            Role = role,
            Organisation = organisation,
            Centres = string.Join(';', centres),
        };
        user.PasswordHash = passwords.Hash(user, password);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, actor, "user.added", username,
            new { role, organisation, centres = user.Centres }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public async Task<IReadOnlyList<StaffUserRecord>> ListAsync(CancellationToken cancellationToken) =>
        await db.StaffUsers.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);

    /// <summary>Refuses every future sign-in and ends every current session and token.</summary>
    public Task DisableAsync(string username, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(username, actor, "user.disabled", new { }, user =>
        {
            user.Disabled = true;
            user.SecurityStamp = StaffUserRecord.NewStamp();
        }, cancellationToken);

    /// <summary>An administrator's reset: new password, lock lifted, every session and token ended.</summary>
    public Task ResetPasswordAsync(string username, string newPassword, string actor, CancellationToken cancellationToken)
    {
        CheckPassword(newPassword);
        return ChangeAsync(username, actor, "user.password-reset", new { }, user =>
        {
            user.PasswordHash = passwords.Hash(user, newPassword);
            user.SecurityStamp = StaffUserRecord.NewStamp();
            user.FailedLogins = 0;
            user.LockedUntil = null;
        }, cancellationToken);
    }

    /// <summary>The user's own change, which needs the current password; ends every session, including this one.</summary>
    public async Task ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
                   ?? throw RejectedException.Forbidden(AccessRefusal.Role, "Sign in first.");
        if (passwords.Verify(user, currentPassword) == PasswordVerificationResult.Failed)
        {
            throw RejectedException.Invalid("currentPassword", "wrong-password", "The current password is wrong.");
        }
        CheckPassword(newPassword, "newPassword");
        await ChangeAsync(user.Username, user.Username, "user.password-changed", new { }, u =>
        {
            u.PasswordHash = passwords.Hash(u, newPassword);
            u.SecurityStamp = StaffUserRecord.NewStamp();
        }, cancellationToken);
    }

    /// <summary>Logout: a new security stamp ends every cookie and bearer token of the user, on every node.</summary>
    public async Task RevokeSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var username = await db.StaffUsers.Where(u => u.Id == userId).Select(u => u.Username).SingleOrDefaultAsync(cancellationToken);
        if (username is not null)
        {
            await ChangeAsync(username, username, "user.logged-out", new { }, u => u.SecurityStamp = StaffUserRecord.NewStamp(), cancellationToken);
        }
    }

    private async Task ChangeAsync(string username, string actor, string action, object payload, Action<StaffUserRecord> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.Username == username, cancellationToken)
                   ?? throw RejectedException.NotFound($"User '{username}'");
        change(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, actor, action, username, payload, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void CheckPassword(string password, string field = "password")
    {
        if (password.Length < MinPasswordLength)
        {
            throw RejectedException.Invalid(field, "password-length", $"A password has at least {MinPasswordLength} characters.");
        }
    }
}
