namespace Trial.Web.Forms;

/// <summary>
/// What a form is for, which decides how its error summary is headed: a search is not "saved", and a failed sign-in
/// has nothing to save either, and a randomisation that was refused has no field to correct.
/// </summary>
public enum FormPurpose
{
    Save,
    Search,
    SignIn,
    Randomise,
}
