using NodaTime;

namespace Trial.Analysis.Simulation;

/// <summary>One simulated randomised participant with baseline covariates and latent traits.</summary>
public sealed record SimulatedPerson(
    string Id,
    Centre Centre,
    bool Ips,
    string Period,
    string Ratio,
    int Block,
    LocalDate RandomisedOn,
    LocalDate? DiedOn,
    bool HasRegisterData,
    int Age,
    bool Female,
    string Severity,
    string Education,
    double IncomeG,
    bool BornInNorway,
    bool SingleOrDivorced,
    bool InvoluntaryAdmission,
    string Psychotic,
    double Propensity,
    double Distress,
    double DrugUse);
