namespace Trial.Web.Localisation;

/// <summary>
/// The protocol's words for its codes (arms, centres), in a language. The host that loads the protocol implements
/// it, so every page names an arm or a centre the same way and never shows the code.
/// </summary>
public interface ITrialLabels
{
    string Arm(string code, TextLanguage language);

    string Centre(string code);
}
