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
}
