namespace Trial.Followup.Contact;

/// <summary>The text stored for each <see cref="ContactStopScope"/>.</summary>
internal static class ContactStopScopeCodes
{
    public static string Code(ContactStopScope scope) => scope switch
    {
        ContactStopScope.WithdrewFromFollowupContact => "withdrew-followup-contact",
        ContactStopScope.WithdrewFromDataCollection => "withdrew-data-collection",
        ContactStopScope.Died => "died",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown contact stop scope."),
    };
}
