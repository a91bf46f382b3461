namespace Trial.Enrollment.Hosting;

public enum DemoUserPolicy
{
    /// <summary>Production: staff users are created with `users add`.</summary>
    None,
    /// <summary>Development: on an empty user table, create one user per role with a random password and print them once.</summary>
    SeedAndPrint,
}
