using Trial.Followup.Instruments;

namespace Trial.Followup.Coordinator;

/// <summary>The coordinator page's texts in nb-NO and English.</summary>
internal static class CoordinatorTexts
{
    public static readonly LocalisedText Title = new("Oppfølging", "Follow-up");
    public static readonly LocalisedText AsOf = new("Per", "As of");
    public static readonly LocalisedText Occasion = new("Tidspunkt", "Occasion");
    public static readonly LocalisedText Arm = new("Gruppe", "Arm");
    public static readonly LocalisedText Due = new("Åpne nå", "Due now");
    public static readonly LocalisedText Invited = new("Invitert", "Invited");
    public static readonly LocalisedText Overdue = new("Over forfall", "Overdue");
    public static readonly LocalisedText Completed = new("Besvart", "Completed");
    public static readonly LocalisedText Missed = new("Ikke besvart", "Missed");
    public static readonly LocalisedText Cancelled = new("Avsluttet", "Cancelled");
    public static readonly LocalisedText Rate = new("Svarandel", "Response rate");
    public static readonly LocalisedText PhoneTasks = new("Ringeliste", "Phone list");
    public static readonly LocalisedText NoPhoneTasks = new("Ingen å ringe nå.", "Nobody to phone now.");
    public static readonly LocalisedText Participant = new("Deltaker (referanse)", "Participant (reference)");
    public static readonly LocalisedText DueOn = new("Forfallsdato", "Due date");
    public static readonly LocalisedText Reminders = new("Påminnelser", "Reminders");
    public static readonly LocalisedText Closes = new("Stenger", "Closes");
    public static readonly LocalisedText ManualEntry = new(
        "Svar tatt på telefon eller papir registreres med POST /api/followup/occasions/{id}/responses (modus phone eller paper).",
        "Answers taken by phone or on paper are entered with POST /api/followup/occasions/{id}/responses (mode phone or paper).");
    public static readonly LocalisedText SignInTitle = new("Logg inn", "Sign in");
    public static readonly LocalisedText SignIn = new("Logg inn som koordinator for å se oppfølgingen.", "Sign in as a coordinator to see follow-up.");
    public static readonly LocalisedText ForbiddenTitle = new("Ingen tilgang", "No access");
    public static readonly LocalisedText Forbidden = new("Du har ikke tilgang til dette senteret.", "You have no access to this centre.");
}
