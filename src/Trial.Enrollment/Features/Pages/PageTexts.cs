namespace Trial.Enrollment.Features.Pages;

/// <summary>Coordinator page texts in nb-NO and en. The language comes from ?lang= or the "lang" cookie; nb-NO by default.</summary>
internal static class PageTexts
{
    private static readonly Dictionary<string, (string Nb, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ("IPS-studien – koordinator", "IPS trial – coordinator"),
        ["login"] = ("Logg inn", "Sign in"),
        ["logout"] = ("Logg ut", "Sign out"),
        ["username"] = ("Brukernavn", "Username"),
        ["password"] = ("Passord", "Password"),
        ["wrong-login"] = ("Feil brukernavn eller passord.", "Wrong username or password."),
        ["login-locked"] = ("For mange mislykkede innlogginger. Vent et kvarter og prøv igjen.", "Too many failed sign-ins. Wait a quarter of an hour and try again."),
        ["participants"] = ("Deltakere", "Participants"),
        ["screen"] = ("Registrer screening", "Record screening"),
        ["centre"] = ("Senter", "Centre"),
        ["state"] = ("Status", "State"),
        ["arm"] = ("Gruppe", "Arm"),
        ["name"] = ("Navn", "Name"),
        ["national-id"] = ("Fødselsnummer", "National ID number"),
        ["phone"] = ("Mobil", "Mobile"),
        ["email"] = ("E-post", "E-mail"),
        ["date"] = ("Dato", "Date"),
        ["save"] = ("Lagre", "Save"),
        ["consent"] = ("Samtykke", "Consent"),
        ["given"] = ("Gitt", "Given"),
        ["declined"] = ("Avslått", "Declined"),
        ["form-version"] = ("Skjemaversjon", "Form version"),
        ["register-linkage"] = ("Samtykker til registerkobling", "Consents to register linkage"),
        ["randomise"] = ("Randomiser", "Randomise"),
        ["withdraw"] = ("Registrer uttrekking", "Record withdrawal"),
        ["scope"] = ("Omfang", "Scope"),
        ["reason"] = ("Begrunnelse", "Reason"),
        ["death"] = ("Registrer dødsfall", "Record death"),
        ["withdrawals"] = ("Uttrekkinger", "Withdrawals"),
        ["error"] = ("Ikke lagret", "Not saved"),
        ["consort"] = ("CONSORT-tall", "CONSORT counts"),
    };

    public static string Get(string key, string language) =>
        Texts.TryGetValue(key, out var text) ? (language == "en" ? text.En : text.Nb) : key;
}
