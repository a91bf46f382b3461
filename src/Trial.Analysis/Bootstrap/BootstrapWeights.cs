namespace Trial.Analysis.Bootstrap;

/// <summary>Cluster-level auxiliary weights: Rademacher (±1) or Webb's six-point (±√½, ±1, ±√1.5), as boottest / fwildclusterboot.</summary>
public enum BootstrapWeights
{
    Rademacher,
    Webb,
}
