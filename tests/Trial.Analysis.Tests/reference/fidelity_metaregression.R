# Golden values for FidelityMetaRegression: a fixed-effect meta-regression with one moderator, on metafor's published
# BCG vaccine data (Colditz et al. 1994; dat.bcg): log risk ratios regressed on absolute latitude, method = "FE".
# Run here with Debian's r-cran-metafor: Rscript fidelity_metaregression.R  (writes fidelity_metaregression.json)
library(metafor)
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
fit <- rma(yi, vi, mods = ~ ablat, data = dat, method = "FE")
out <- list(
  yi = as.numeric(dat$yi), sei = sqrt(as.numeric(dat$vi)), ablat = dat$ablat,
  intercept = unname(coef(fit)[1]), slope = unname(coef(fit)[2]), se = fit$se[2], z = fit$zval[2], p = fit$pval[2],
  ci_lb = fit$ci.lb[2], ci_ub = fit$ci.ub[2], QE = fit$QE, QEp = fit$QEp,
  r_version = R.version.string, metafor = as.character(packageVersion("metafor")))
writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "fidelity_metaregression.json")
