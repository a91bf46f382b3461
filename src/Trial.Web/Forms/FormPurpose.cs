namespace Trial.Web.Forms;

/// <summary>
/// What a form is for, which decides how its error summary is headed: a search is not "saved", and a failed sign-in
/// has nothing to save either.
/// </summary>
public enum FormPurpose
{
    Save,
    Search,
    SignIn,
}
