# Golden values for Trial.Analysis mixed models (lme4, lmerTest, emmeans).
# Run from this folder: Rscript mixed_models.R   (R 4.2.2, lme4 1.1-31, lmerTest 3.1-3, emmeans, geepack)
# Writes mixed/<dataset>.csv (the data) and mixed/<model>.json (default and tight lme4 fits).
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(jsonlite); library(emmeans) })
dir.create("mixed", showWarnings = FALSE)
wcsv <- function(d, name) write.csv(d, file.path("mixed", paste0(name, ".csv")), row.names = FALSE)

data("dietox", package = "geepack")
sleep <- lme4::sleepstudy; sleep$Subject <- as.character(sleep$Subject)
dye <- lme4::Dyestuff; dye$Batch <- as.character(dye$Batch)
dye2 <- lme4::Dyestuff2; dye2$Batch <- as.character(dye2$Batch)
pen <- lme4::Penicillin; pen$plate <- as.character(pen$plate); pen$sample <- as.character(pen$sample)
pas <- lme4::Pastes; pas$batch <- as.character(pas$batch); pas$cask <- as.character(pas$cask); pas$sample <- NULL
pig <- data.frame(Pig = as.character(dietox$Pig), Time = dietox$Time, Weight = dietox$Weight)
wcsv(sleep, "sleepstudy"); wcsv(dye, "Dyestuff"); wcsv(dye2, "Dyestuff2"); wcsv(pen, "Penicillin")
wcsv(pas, "Pastes"); wcsv(pig, "dietox")

# A trial-shaped data set for emmeans (Table 17 shape): 400 participants, arm 2:1, time 0/6/12, ~25% follow-ups missing.
set.seed(20261123)
np <- 400
arm <- ifelse(runif(np) < 2/3, "IPS", "Control")
u <- rnorm(np, 0, 4)
trial <- do.call(rbind, lapply(c(0, 6, 12), function(t) {
  eff <- ifelse(arm == "IPS", c(`0` = 0, `6` = -0.5, `12` = -3)[as.character(t)], 0)
  data.frame(id = sprintf("P%03d", 1:np), arm = arm, time = t,
             y = 16 + c(`0` = 0, `6` = 4, `12` = 0.5)[as.character(t)] + eff + u + rnorm(np, 0, 5))
}))
trial <- trial[trial$time == 0 | runif(nrow(trial)) > 0.25, ]
trial$y <- round(trial$y, 2)
# Six centres (participants nested in centres), with a fixed centre shift for the nested-model case (no RNG).
trial$centre <- LETTERS[(as.integer(substr(trial$id, 2, 4)) %% 6) + 1]
trial$y_centre <- trial$y + c(A = -2, B = -1, C = 0, D = 0.5, E = 1, F = 2.5)[trial$centre]
wcsv(trial, "trial")

tight <- lmerControl(optimizer = "nloptwrap",
  optCtrl = list(xtol_abs = 1e-15, ftol_abs = 1e-15, xtol_rel = 0, ftol_rel = 0, maxeval = 1e6))

describe <- function(m) {
  vc <- as.data.frame(VarCorr(m), order = "lower.tri")
  s <- summary(m, ddf = "Satterthwaite")$coefficients
  list(
    reml = isREML(m), criterion = if (isREML(m)) REMLcrit(m) else deviance(m),
    logLik = as.numeric(logLik(m)), AIC = AIC(m), BIC = BIC(m),
    theta = unname(getME(m, "theta")), theta_names = names(getME(m, "theta")),
    sigma = sigma(m), beta = unname(fixef(m)), beta_names = names(fixef(m)),
    se = unname(sqrt(diag(as.matrix(vcov(m))))), vcov = unname(as.matrix(vcov(m))),
    df_satterthwaite = unname(s[, "df"]), t = unname(s[, "t value"]), p = unname(s[, "Pr(>|t|)"]),
    vc_grp = vc$grp, vc_var1 = ifelse(is.na(vc$var1), "", vc$var1), vc_var2 = ifelse(is.na(vc$var2), "", vc$var2),
    vc_vcov = vc$vcov, vc_sdcor = vc$sdcor,
    n = nobs(m), ngrps = as.list(ngrps(m)), singular = isSingular(m),
    # a fresh deviance function: evaluating getME(m, "devfun") would change the fitted model's internal state
    criterion_at_start = as.numeric(update(m, devFunOnly = TRUE)(getME(m, "theta") * 0 + (getME(m, "lower") == 0)))
  )
}
fits <- list(
  sleepstudy_slopes_reml = list(Reaction ~ Days + (Days | Subject), sleep, TRUE),
  sleepstudy_slopes_ml = list(Reaction ~ Days + (Days | Subject), sleep, FALSE),
  sleepstudy_intercept_reml = list(Reaction ~ Days + (1 | Subject), sleep, TRUE),
  sleepstudy_uncorrelated_reml = list(Reaction ~ Days + (1 | Subject) + (0 + Days | Subject), sleep, TRUE),
  dyestuff_reml = list(Yield ~ 1 + (1 | Batch), dye, TRUE),
  dyestuff2_reml = list(Yield ~ 1 + (1 | Batch), dye2, TRUE),
  penicillin_reml = list(diameter ~ 1 + (1 | plate) + (1 | sample), pen, TRUE),
  pastes_nested_reml = list(strength ~ 1 + (1 | batch/cask), pas, TRUE),
  dietox_intercept_reml = list(Weight ~ Time + (1 | Pig), pig, TRUE),
  dietox_slopes_reml = list(Weight ~ Time + (Time | Pig), pig, TRUE),
  trial_ml = list(y ~ factor(time) * arm + (1 | id), trial, FALSE),
  trial_reml = list(y ~ factor(time) * arm + (1 | id), trial, TRUE),
  trial_nested_reml = list(y_centre ~ factor(time) * arm + (1 | centre/id), trial, TRUE)
)
for (name in names(fits)) {
  f <- fits[[name]]
  m_default <- lmer(f[[1]], data = f[[2]], REML = f[[3]])
  m_tight <- lmer(f[[1]], data = f[[2]], REML = f[[3]], control = tight)
  out <- list(formula = deparse(f[[1]]), call = sprintf("lmer(%s, REML = %s)", deparse(f[[1]]), f[[3]]),
              default = describe(m_default), tight = describe(m_tight))
  if (name %in% c("trial_ml", "trial_reml")) {
    emm <- emmeans(m_tight, ~ arm | time, at = list(time = c(0, 6, 12)), lmer.df = "satterthwaite")
    e <- as.data.frame(summary(emm))
    ct <- as.data.frame(summary(contrast(emm, method = list(`IPS - Control` = c(-1, 1))), infer = TRUE))
    out$emmeans <- list(arm = as.character(e$arm), time = e$time, emmean = e$emmean, SE = e$SE, df = e$df,
                        lower = e$lower.CL, upper = e$upper.CL)
    out$contrasts <- list(time = ct$time, estimate = ct$estimate, SE = ct$SE, df = ct$df,
                          lower = ct$lower.CL, upper = ct$upper.CL, t = ct$t.ratio, p = ct$p.value)
    a <- anova(m_tight, type = 3, ddf = "Satterthwaite")
    out$anova <- list(term = rownames(a), F = a[["F value"]], NumDF = a$NumDF, DenDF = a$DenDF, p = a[["Pr(>F)"]])
  }
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path("mixed", paste0(name, ".json")))
  cat(name, "done\n")
}
