namespace Trial.Followup.Questionnaires.Links;

/// <summary>Whether a read takes a row lock that makes concurrent submissions of the same link queue.</summary>
public enum RowLock
{
    None,
    ForUpdate,
}
