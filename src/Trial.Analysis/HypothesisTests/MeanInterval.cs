namespace Trial.Analysis.HypothesisTests;

/// <summary>A mean with its t confidence interval, as R <c>t.test(x)$conf.int</c> (df = n − 1).</summary>
public sealed record MeanInterval(int Count, double Mean, double StandardDeviation, double StandardError, double Df, double Lower, double Upper, double Confidence);
