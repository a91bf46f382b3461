namespace Trial.Analysis.Spec;

/// <summary>The model could not be estimated (no variation, not converged, unsupported combination for these data).</summary>
public sealed class EstimationException(string message) : Exception(message);
