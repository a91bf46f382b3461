# Golden values for Trial.Analysis.Pooling (Rubin's rules, Barnard-Rubin df) from mice 3.15.0.
# Run from this folder: Rscript pooling.R   -> pooling/nhanes.json
suppressPackageStartupMessages({ library(mice); library(jsonlite) })
imp <- mice(nhanes, m = 5, seed = 123, printFlag = FALSE)
fit <- with(imp, lm(chl ~ age + bmi))
est <- t(sapply(fit$analyses, coef))
var <- t(sapply(fit$analyses, function(f) diag(vcov(f))))
p <- pool(fit)$pooled
s <- summary(pool(fit), conf.int = TRUE)
out <- list(call = "pool(with(mice(nhanes, m = 5, seed = 123), lm(chl ~ age + bmi)))", dfcom = p$dfcom[1],
            term = as.character(p$term), Q = unname(est), U = unname(var),
            qbar = p$estimate, ubar = p$ubar, b = p$b, t = p$t, df = p$df, riv = p$riv, lambda = p$lambda,
            fmi = p$fmi, se = s$std.error, statistic = s$statistic, p = s$p.value,
            lower = s[["2.5 %"]], upper = s[["97.5 %"]])
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, matrix = "rowmajor"), "pooling/nhanes.json")
