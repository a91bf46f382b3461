namespace Trial.Enrollment.Hosting;

/// <summary>
/// The same protective headers on every response (staff pages, API, OpenAPI), set before the endpoint runs so an
/// endpoint with stricter needs (the questionnaire pages) can override them; HSTS only on HTTPS, where it means something.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>Same-origin assets only (inline styles allowed: the pages carry a style block); no script from elsewhere, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        return next(context);
    });
}
