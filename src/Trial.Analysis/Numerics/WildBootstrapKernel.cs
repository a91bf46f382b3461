namespace Trial.Analysis.Numerics;

/// <summary>
/// Restricted wild cluster bootstrap of one coefficient c'β = r, in O(G·k) per draw without refitting: with
/// a = Bc, s_g(λ) = X_g'ê_g + λ·X_g'X_g d (d = Bc/(c'Bc), λ = c'β̂ − r), the draw v gives δ = B Σ v_g s_g,
/// numerator c'δ and CR score a'u*_g = v_g a's_g − (X_g'X_g a)'δ.
/// </summary>
public sealed class WildBootstrapKernel
{
    private readonly int _k;
    private readonly int _g;
    private readonly double[,] _bread;
    private readonly double[] _a;
    private readonly double[] _scoreHat;   // g×k: X_g'ê_g
    private readonly double[] _scoreDir;   // g×k: X_g'X_g d
    private readonly double[] _h;          // g×k: X_g'X_g a
    private readonly double[,] _draws;     // replications × g
    private readonly double _factor;

    public WildBootstrapKernel(double[][] x, double[] residuals, double[,] bread, int coefficient, int[] cluster, int clusterCount,
        double[,] draws, double smallSampleFactor)
    {
        _k = x.Length;
        _g = clusterCount;
        _bread = bread;
        _draws = draws;
        _factor = smallSampleFactor;
        _a = new double[_k];
        for (var i = 0; i < _k; i++)
        {
            _a[i] = bread[i, coefficient];
        }
        var cbc = _a[coefficient];
        var d = _a.Select(v => v / cbc).ToArray();
        _scoreHat = Sandwich.ClusterScores(x, residuals, cluster, clusterCount);
        _scoreDir = new double[_g * _k];
        _h = new double[_g * _k];
        var n = residuals.Length;
        for (var i = 0; i < n; i++)
        {
            var o = cluster[i] * _k;
            double xd = 0, xa = 0;
            for (var j = 0; j < _k; j++)
            {
                xd += x[j][i] * d[j];
                xa += x[j][i] * _a[j];
            }
            for (var j = 0; j < _k; j++)
            {
                _scoreDir[o + j] += x[j][i] * xd;
                _h[o + j] += x[j][i] * xa;
            }
        }
        Coefficient = coefficient;
    }

    public int Coefficient { get; }

    /// <summary>Bootstrap t statistics under H₀ with λ = c'β̂ − r.</summary>
    public double[] TStatistics(double lambda)
    {
        var b = _draws.GetLength(0);
        var s = new double[_g * _k];
        var alpha = new double[_g];
        for (var c = 0; c < _g; c++)
        {
            double aSum = 0;
            for (var j = 0; j < _k; j++)
            {
                var v = _scoreHat[c * _k + j] + lambda * _scoreDir[c * _k + j];
                s[c * _k + j] = v;
                aSum += _a[j] * v;
            }
            alpha[c] = aSum;
        }
        var t = new double[b];
        Parallel.For(0, b, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => (new double[_k], new double[_k]), (r, _, buffers) =>
        {
            var (sum, delta) = buffers;
            Array.Clear(sum);
            for (var c = 0; c < _g; c++)
            {
                var w = _draws[r, c];
                for (var j = 0; j < _k; j++)
                {
                    sum[j] += w * s[c * _k + j];
                }
            }
            for (var i = 0; i < _k; i++)
            {
                double acc = 0;
                for (var j = 0; j < _k; j++)
                {
                    acc += _bread[i, j] * sum[j];
                }
                delta[i] = acc;
            }
            double variance = 0;
            for (var c = 0; c < _g; c++)
            {
                double hd = 0;
                for (var j = 0; j < _k; j++)
                {
                    hd += _h[c * _k + j] * delta[j];
                }
                var score = _draws[r, c] * alpha[c] - hd;
                variance += score * score;
            }
            t[r] = delta[Coefficient] / Math.Sqrt(_factor * variance);
            return buffers;
        }, _ => { });
        return t;
    }
}
