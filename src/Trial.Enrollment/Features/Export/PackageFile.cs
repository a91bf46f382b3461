namespace Trial.Enrollment.Features.Export;

public sealed record PackageFile(string Name, int Rows, string Sha256);
