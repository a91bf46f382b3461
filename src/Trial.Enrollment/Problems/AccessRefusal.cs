namespace Trial.Enrollment.Problems;

/// <summary>
/// Why a 403 was given, as the access check that refused knows it, so a page can say it in words (another centre's
/// participant is not the same as a page the role may not open) without reading the English message.
/// </summary>
public enum AccessRefusal
{
    /// <summary>The user's role may not do this (or there is no signed-in user at all).</summary>
    Role,
    /// <summary>The user is not scoped to the centre the request concerns.</summary>
    Centre,
    /// <summary>The user's organisation may not record or see the field (the protocol's fieldAccess), or does not serve the centre.</summary>
    Organisation,
    /// <summary>Only a trial manager of every centre may do this (close the trial, manage staff).</summary>
    WholeTrial,
}
