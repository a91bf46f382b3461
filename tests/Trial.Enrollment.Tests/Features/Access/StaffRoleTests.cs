using System.Security.Claims;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;

namespace Trial.Enrollment.Tests.Features.Access;

/// <summary>
/// A role is a <see cref="StaffRole"/>: read from the role claim in one place, written back to it in one place, and a
/// claim that names no known role (a typo, another case, none at all) is no role, which every check refuses.
/// </summary>
public sealed class StaffRoleTests
{
    [Fact]
    public void EveryKnownRole_RoundTripsThroughItsClaim_AndNamesItsText()
    {
        Assert.Equal(["coordinator", "trial-manager", "statistician", "auditor"], StaffRole.All.Select(r => r.Code));
        Assert.All(StaffRole.All, role =>
        {
            Assert.Same(role, StaffRole.Of(new ClaimsPrincipal(new ClaimsIdentity([role.ToClaim()], "test"))));
            Assert.Same(role, StaffRole.Find(role.Code));
            Assert.Equal("role." + role.Code, role.TextKey);
        });
        Assert.Equal(TrialRoles.TrialManager, StaffRole.TrialManager.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Coordinator")]
    [InlineData("admin")]
    public void AClaimThatNamesNoKnownRole_IsNoRole_AndEveryRoleCheckRefusesIt(string? claim)
    {
        Assert.Null(StaffRole.Find(claim));
        var claims = new List<Claim> { new(TrialClaimTypes.UserId, "someone"), new(TrialClaimTypes.Organisation, "trial-office") };
        if (claim is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, claim));
        }
        var user = StaffUser.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        Assert.Null(user.Role);
        Assert.False(user.HasRole([.. StaffRole.All]));
        var refused = Assert.Throws<RejectedException>(() => user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager));
        Assert.Equal((RejectionKind.Forbidden, AccessRefusal.Role), (refused.Kind, refused.Refusal));
        Assert.Contains("it needs coordinator or trial-manager", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStaffUser_HasTheRoleOfItsClaim()
    {
        var user = StaffUser.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new(TrialClaimTypes.UserId, "auditor"), new(TrialClaimTypes.Organisation, "trial-office"), StaffRole.Auditor.ToClaim()], "test")));
        Assert.Same(StaffRole.Auditor, user.Role);
        Assert.True(user.HasRole(StaffRole.Auditor, StaffRole.TrialManager));
        Assert.False(user.HasRole(StaffRole.Coordinator));
    }
}
