# Golden values for Table 17's constrained-baseline model (cLDA, seed 001 §5) and its unconstrained sensitivity model.
# Data: clda_long.csv = HADS total at 0/6/12 months of `trial-analysis simulate --seed 1` (745 scores).
# Run from this folder: Rscript clda.R   (R 4.2.2, lme4 1.1-31, lmerTest 3.1-3, nlme) → clda_reference.csv
# cLDA: y ~ time + ips6 + ips12 + (1 | participant), ML — one baseline mean for both arms (randomisation), the arms
# differ only after baseline; ips6/ips12 are the IPS − control differences at 6 and 12 months.
# Unconstrained: y ~ time * arm + (1 | participant), ML — the arms may differ at baseline.
# Both fitted tightly (xtol/ftol 1e-12) so the C# engine can be compared at ~1e-6; nlme::lme gives the same fit.
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(nlme) })
d <- read.csv("clda_long.csv", stringsAsFactors = FALSE)
d$time <- factor(d$time, levels = c("0", "6", "12"))
d$arm <- relevel(factor(d$arm), ref = "Control")
d$ips6 <- as.numeric(d$arm == "IPS" & d$time == "6")
d$ips12 <- as.numeric(d$arm == "IPS" & d$time == "12")
tight <- lmerControl(optimizer = "nloptwrap", optCtrl = list(xtol_abs = 1e-12, ftol_abs = 1e-12))
out <- data.frame()
add <- function(model, fit) {
  s <- summary(fit)$coefficients
  out <<- rbind(out, data.frame(model = model, term = rownames(s), estimate = s[, "Estimate"], std_error = s[, "Std. Error"],
                                df = s[, "df"], p_value = s[, "Pr(>|t|)"], row.names = NULL))
  out <<- rbind(out, data.frame(model = model, term = "logLik", estimate = as.numeric(logLik(fit)), std_error = NA, df = NA, p_value = NA))
}
clda <- lmer(y ~ time + ips6 + ips12 + (1 | participant), data = d, REML = FALSE, control = tight)
add("clda", clda)
free <- lmer(y ~ time * arm + (1 | participant), data = d, REML = FALSE, control = tight)
add("unconstrained", free)
# Cross-check with nlme (different optimiser): the cLDA differences agree to ~1e-6.
lme_clda <- lme(y ~ time + ips6 + ips12, random = ~ 1 | participant, data = d, method = "ML")
stopifnot(max(abs(fixef(lme_clda) - fixef(clda))) < 1e-4)
write.csv(out, "clda_reference.csv", row.names = FALSE)
print(out)
