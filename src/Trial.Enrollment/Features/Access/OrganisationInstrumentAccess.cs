using System.Security.Claims;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>Follow-up's instrument gate by the protocol's fieldAccess (<c>followup.&lt;instrument&gt;</c>) for the user's own organisation.</summary>
internal sealed class OrganisationInstrumentAccess(OrganisationAccess access) : IInstrumentAccess
{
    public bool MayEnter(ClaimsPrincipal user, string instrument) => access.MayRecord(StaffUser.From(user), "followup." + instrument);
}
