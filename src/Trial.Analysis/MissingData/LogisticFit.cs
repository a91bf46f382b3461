namespace Trial.Analysis.MissingData;

/// <summary>
/// A fitted logistic regression (binomial, logit link), as R's <c>glm(family = binomial)</c> reports it.
/// </summary>
/// <param name="Names">Kept columns of X (a column collinear with earlier ones is dropped, as glm gives it NA).</param>
/// <param name="Coefficients">β̂ of the kept columns.</param>
/// <param name="Vcov">Model-based (X'WX)⁻¹ with dispersion 1, from the last IRLS step, as summary.glm.</param>
/// <param name="Fitted">p̂ for every row.</param>
/// <param name="Deviance">Residual deviance.</param>
/// <param name="Iterations">IRLS iterations (glm's iter).</param>
/// <param name="Converged">Whether |Δdeviance|/(|deviance| + 0.1) fell below 1e-8 within 25 iterations (glm.control defaults).</param>
public sealed record LogisticFit(IReadOnlyList<string> Names, double[] Coefficients, double[,] Vcov, double[] Fitted, double Deviance, int Iterations, bool Converged)
{
    public double StandardError(int index) => Math.Sqrt(Vcov[index, index]);

    public string Conventions => $"logistic regression by IRLS as glm(family = binomial): {Iterations} iterations, " +
        $"{(Converged ? "converged" : "NOT converged")} (glm.control epsilon 1e-8), residual deviance {Deviance:G6}";
}
