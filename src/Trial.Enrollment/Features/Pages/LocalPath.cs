namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// A return address the sign-in may follow: a path on this service, never "//host" or "https://host" (an open
/// redirect would let a link in an e-mail send a coordinator on to another site after signing in here).
/// </summary>
internal static class LocalPath
{
    public static bool Is(string? address) =>
        address is { Length: > 0 } && address[0] == '/' && !address.StartsWith("//", StringComparison.Ordinal) && !address.StartsWith("/\\", StringComparison.Ordinal);
}
