namespace Trial.Enrollment.Tests.Hosting;

/// <summary>How tests reach the host: in memory (TestServer), or on a loopback port that a real browser can open.</summary>
public enum TestTransport
{
    InMemory,
    Loopback,
}
