# Case B, R side: lme4::lmer REML (default nloptwrap/BOBYQA; calc.derivs = FALSE skips the post-fit Hessian check, which
# only slows lme4 down), timed around the lmer() call alone; reading the CSV is excluded.
# Usage: Rscript case_b.R DATA.csv OUT.txt
args <- commandArgs(TRUE)
suppressPackageStartupMessages(library(lme4))
d <- read.csv(args[1], colClasses = c("character", "integer", "character", "numeric"))
d$arm <- factor(d$arm, levels = c("Control", "IPS"))
st <- system.time(m <- lmer(y ~ factor(time) * arm + (1 | id), data = d, REML = TRUE,
                            control = lmerControl(calc.derivs = FALSE)))
v <- c(st[["elapsed"]], st[["user.self"]] + st[["sys.self"]], fixef(m), sqrt(diag(as.matrix(vcov(m)))), sigma(m), getME(m, "theta"), REMLcrit(m))
writeLines(format(v, digits = 17), args[2])
