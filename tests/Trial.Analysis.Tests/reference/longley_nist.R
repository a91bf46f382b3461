# NIST StRD Longley (https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml) rebuilt from R's datasets::longley
# in NIST's units (integers), written to longley_nist.csv. The certified values are literals in the C# test; this
# script also prints lm's estimates beside them as a check. Run from this folder: Rscript longley_nist.R
d <- with(datasets::longley, data.frame(y = round(Employed * 1000), x1 = GNP.deflator, x2 = round(GNP * 1000),
  x3 = round(Unemployed * 10), x4 = round(Armed.Forces * 10), x5 = round(Population * 1000), x6 = Year))
write.csv(d, "longley_nist.csv", row.names = FALSE)
certified <- c(-3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
               -1.03322686717359, -0.511041056535807E-01, 1829.15146461355)
m <- lm(y ~ x1 + x2 + x3 + x4 + x5 + x6, data = d)
print(cbind(lm = coef(m), certified, rel = coef(m) / certified - 1), digits = 15)
print(c(sigma = summary(m)$sigma, r2 = summary(m)$r.squared), digits = 15)
print(sqrt(diag(vcov(m))), digits = 15)
