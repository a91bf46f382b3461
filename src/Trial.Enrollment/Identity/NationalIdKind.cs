namespace Trial.Enrollment.Identity;

public enum NationalIdKind
{
    /// <summary>An ordinary fødselsnummer.</summary>
    Fodselsnummer,
    /// <summary>A D-number (temporary number): day of birth + 40.</summary>
    DNumber,
    /// <summary>An H-number (help number used by health services): month of birth + 40.</summary>
    HNumber,
}
