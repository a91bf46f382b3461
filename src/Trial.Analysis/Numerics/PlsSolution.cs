namespace Trial.Analysis.Numerics;

/// <summary>The penalised least squares solution at one θ: log|L|², log|R_X|², penalised RSS, R_X and R_X β̂.</summary>
public sealed class PlsSolution
{
    private readonly double[] _rxTransposed; // lower-triangular p×p, = R_X'
    private readonly double[] _rxBeta;

    internal PlsSolution(int n, int p, double logDetL, double logDetRX, double penalisedRss, double[] rxTransposed, double[] rxBeta)
    {
        N = n;
        P = p;
        LogDetL = logDetL;
        LogDetRX = logDetRX;
        PenalisedRss = penalisedRss;
        _rxTransposed = rxTransposed;
        _rxBeta = rxBeta;
    }

    public int N { get; }
    public int P { get; }

    /// <summary>log|L_θ|² (lme4 <c>ldL2</c>).</summary>
    public double LogDetL { get; }

    /// <summary>log|R_X|² (lme4 <c>ldRX2</c>).</summary>
    public double LogDetRX { get; }

    /// <summary>r²_θ = ‖y − Xβ̂ − ZΛu‖² + ‖u‖² (lme4 <c>pwrss</c>).</summary>
    public double PenalisedRss { get; }

    /// <summary>ML deviance or REML criterion (lme4pureR formulas).</summary>
    public double Criterion(LmmCriterion criterion) => criterion switch
    {
        LmmCriterion.MaximumLikelihood => LogDetL + N * (1 + Math.Log(2 * Math.PI * PenalisedRss / N)),
        LmmCriterion.Reml => LogDetL + LogDetRX + (N - P) * (1 + Math.Log(2 * Math.PI * PenalisedRss / (N - P))),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown criterion."),
    };

    /// <summary>σ̂² = r²/(n−p) for REML, r²/n for ML.</summary>
    public double ResidualVariance(LmmCriterion criterion) =>
        PenalisedRss / (criterion == LmmCriterion.Reml ? N - P : N);

    /// <summary>The deviance as a function of (θ, σ) used by lmerTest (<c>devfun_vp</c>).</summary>
    public double DevianceAtSigma(double sigma, LmmCriterion criterion)
    {
        var s2 = sigma * sigma;
        var dev = LogDetL + PenalisedRss / s2 + N * Math.Log(2 * Math.PI * s2);
        return criterion == LmmCriterion.Reml ? dev + LogDetRX - P * Math.Log(2 * Math.PI * s2) : dev;
    }

    /// <summary>β̂ = R_X⁻¹ (R_X β̂).</summary>
    public double[] Beta()
    {
        var beta = (double[])_rxBeta.Clone();
        for (var i = P - 1; i >= 0; i--)
        {
            var s = beta[i];
            for (var k = i + 1; k < P; k++) { s -= _rxTransposed[k * P + i] * beta[k]; }
            beta[i] = s / _rxTransposed[i * P + i];
        }
        return beta;
    }

    /// <summary>R_X⁻¹ R_X⁻ᵀ (row-major p×p); multiply by σ² for vcov(β̂).</summary>
    public double[] UnscaledCovariance()
    {
        // W = R_X'^{-1} (lower), then R_X^{-1} R_X^{-T} = W' W.
        var w = new double[P * P];
        for (var col = 0; col < P; col++)
        {
            w[col * P + col] = 1;
            for (var i = 0; i < P; i++)
            {
                var s = w[i * P + col];
                for (var k = 0; k < i; k++) { s -= _rxTransposed[i * P + k] * w[k * P + col]; }
                w[i * P + col] = s / _rxTransposed[i * P + i];
            }
        }
        var v = new double[P * P];
        for (var a = 0; a < P; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var s = 0.0;
                for (var k = 0; k < P; k++) { s += w[k * P + a] * w[k * P + b]; }
                v[a * P + b] = s;
                v[b * P + a] = s;
            }
        }
        return v;
    }
}
