using System.Security.Claims;

namespace Trial.Followup.Access;

/// <summary>
/// Whether a signed-in staff member may enter (and so see the scores of) an instrument's answers. The host decides by
/// its organisation rules (in the trial: NAV staff enter no clinical questionnaire); Follow-up alone allows every one.
/// </summary>
public interface IInstrumentAccess
{
    bool MayEnter(ClaimsPrincipal user, string instrument);
}

internal sealed class EveryInstrument : IInstrumentAccess
{
    public bool MayEnter(ClaimsPrincipal user, string instrument) => true;
}
