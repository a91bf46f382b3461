namespace Trial.Analysis.Withdrawals;

/// <summary>What a participant withdrew from (protocol/data-package.md); each scope has its own effect on the analysis.</summary>
public enum WithdrawalScope
{
    /// <summary>Stops the intervention; still analysed (ITT).</summary>
    Intervention,

    /// <summary>No more contact for follow-up; data already collected are analysed.</summary>
    FollowupContact,

    /// <summary>No questionnaire answers completed on or after the effective date.</summary>
    DataCollection,

    /// <summary>No register months that are not wholly before the effective date.</summary>
    RegisterLinkage,

    /// <summary>Left out of every analysis.</summary>
    DataUse,
}
