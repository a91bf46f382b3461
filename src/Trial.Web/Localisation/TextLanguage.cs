namespace Trial.Web.Localisation;

/// <summary>The two languages participants and coordinators read. Parsed from the BCP 47 tags "nb-NO" and "en".</summary>
public enum TextLanguage
{
    NbNo,
    En,
}
