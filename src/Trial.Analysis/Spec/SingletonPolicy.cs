namespace Trial.Analysis.Spec;

/// <summary>
/// What to do with observations alone in a fixed-effect level (they are fitted perfectly and carry no information).
/// <see cref="Drop"/> = reghdfe's default and fixest's <c>fixef.rm = "singleton"</c>, repeated until none are left.
/// </summary>
public enum SingletonPolicy
{
    Drop,
    Keep,
}
