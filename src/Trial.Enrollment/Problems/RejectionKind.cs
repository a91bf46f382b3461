namespace Trial.Enrollment.Problems;

/// <summary>Why a request was refused; each maps to one HTTP status.</summary>
public enum RejectionKind
{
    /// <summary>400: the input breaks a rule; the field is named.</summary>
    Invalid,
    /// <summary>403: the user's role, centre or organisation does not allow it.</summary>
    Forbidden,
    /// <summary>404.</summary>
    NotFound,
    /// <summary>409: the input is well-formed but the participant's state does not allow it.</summary>
    Conflict,
}
