namespace Trial.Followup.Contact;

/// <summary>Why Follow-up must stop contacting a participant. Each value cancels every pending send.</summary>
public enum ContactStopScope
{
    /// <summary>The participant withdrew from follow-up contact.</summary>
    WithdrewFromFollowupContact,
    /// <summary>The participant withdrew from further data collection (implies no contact).</summary>
    WithdrewFromDataCollection,
    /// <summary>The participant has died; the effective date is the date of death.</summary>
    Died,
}
