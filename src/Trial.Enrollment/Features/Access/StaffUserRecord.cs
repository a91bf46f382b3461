namespace Trial.Enrollment.Features.Access;

internal sealed class StaffUserRecord
{
    public Guid Id { get; set; }
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public required string Organisation { get; set; }
    /// <summary>';'-separated centre codes.</summary>
    public required string Centres { get; set; }

    /// <summary>
    /// Copied into every cookie and bearer token at sign-in and compared on every request: replacing it (logout,
    /// password change or reset, disabling) revokes every session and token of the user on every node at once.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    public bool Disabled { get; set; }

    /// <summary>Wrong passwords since the last sign-in or lock; reaching the limit locks the account.</summary>
    public int FailedLogins { get; set; }

    /// <summary>Wall-clock time (not the trial's clock) until which every sign-in is refused.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>"disabled", "locked" or "active" at <paramref name="now"/>, as the users CLI and the users page show it.</summary>
    public string StateAt(DateTimeOffset now) => Disabled ? "disabled" : LockedUntil > now ? "locked" : "active";

    public static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
