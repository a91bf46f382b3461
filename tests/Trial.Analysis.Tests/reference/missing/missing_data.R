# Golden values for the missing-follow-up sensitivity analyses (issue 13): inverse probability weighting for response
# and multiple imputation by chained equations (predictive mean matching) with Rubin's rules.
# Run from this folder:  Rscript missing_data.R   (R 4.2, mice 3.15, sandwich 3.0)
# Writes: missing_wide.csv (the data), ipw_reference.csv, mi_imputed_long.csv (mice's m = 20 completed data sets) and
# mi_reference.csv (mice::pool on those imputations, and a separate m = 50 run for the Monte-Carlo comparison).
suppressPackageStartupMessages({ library(mice); library(sandwich) })

# --- data: a trial of 400 with Table 19-like baseline variables, one questionnaire score at 0/6/12 months ---------
set.seed(20161201)
n <- 400
ips <- rbinom(n, 1, 0.55)
age <- round(runif(n, 18, 60))
female <- rbinom(n, 1, 0.5)
born_norway <- rbinom(n, 1, 0.86)
single_divorced <- rbinom(n, 1, 0.78)
involuntary_admission <- rbinom(n, 1, 0.25)
person <- rnorm(n, 0, 6)
y0 <- round(pmin(pmax(15 + 0.1 * (age - 35) + 2 * female + person + rnorm(n, 0, 4), 0), 87))
y6 <- round(pmin(pmax(16 - 2 * ips + person + rnorm(n, 0, 4), 0), 87))
y12 <- round(pmin(pmax(16 - 3 * ips + person + rnorm(n, 0, 4), 0), 87))
# Response depends on baseline (more complaints, IPS, born in Norway: more response), as in Table 19: MAR given these.
r6 <- rbinom(n, 1, plogis(-0.2 + 0.3 * ips + 0.05 * (y0 - 15) + 0.5 * born_norway - 0.3 * involuntary_admission))
r12 <- rbinom(n, 1, plogis(-1.0 + 1.5 * r6 + 0.3 * ips + 0.04 * (y0 - 15)))
y0[sample(n, 10)] <- NA
y6[r6 == 0] <- NA
y12[r12 == 0] <- NA
wide <- data.frame(participant = sprintf("P%03d", 1:n), ips, age, female, born_norway, single_divorced, involuntary_admission,
                   r6, r12, y0, y6, y12)
rm(ips, age, female, born_norway, single_divorced, involuntary_admission, person, y0, y6, y12, r6, r12)  # models read only `wide`
write.csv(wide, "missing_wide.csv", row.names = FALSE)
options(digits = 17)
fmt <- function(x) trimws(formatC(x, digits = 17, format = "g"))

# --- IPW: response model (logit, glm defaults: IRLS, epsilon 1e-8) → w = 1/p̂ → weighted lm, HC1 sandwich --------------
ipw_rows <- list()
for (occ in c("6", "12")) {
  r <- wide[[paste0("r", occ)]]
  d <- transform(wide, r = r)
  rm <- glm(r ~ ips + age + female + born_norway + single_divorced + involuntary_admission + y0, family = binomial, data = d)
  used <- as.integer(names(fitted(rm)))
  p <- rep(NA_real_, n); p[used] <- fitted(rm)
  d$w <- 1 / p
  d$y <- d[[paste0("y", occ)]]
  fit <- lm(y ~ ips + y0, data = d, weights = w, subset = r == 1 & !is.na(w))
  v <- vcovHC(fit, type = "HC1")
  for (t in names(coef(rm))) ipw_rows[[length(ipw_rows) + 1]] <- data.frame(occasion = occ, model = "response", term = t,
    estimate = fmt(coef(rm)[t]), std_error = fmt(sqrt(vcov(rm)[t, t])), n = nobs(rm))
  ipw_rows[[length(ipw_rows) + 1]] <- data.frame(occasion = occ, model = "response", term = "deviance",
    estimate = fmt(deviance(rm)), std_error = "NA", n = nobs(rm))
  ipw_rows[[length(ipw_rows) + 1]] <- data.frame(occasion = occ, model = "response", term = "max_weight",
    estimate = fmt(max(d$w[d$r == 1], na.rm = TRUE)), std_error = "NA", n = nobs(rm))
  for (t in names(coef(fit))) ipw_rows[[length(ipw_rows) + 1]] <- data.frame(occasion = occ, model = "weighted_lm_hc1", term = t,
    estimate = fmt(coef(fit)[t]), std_error = fmt(sqrt(v[t, t])), n = nobs(fit))
}
write.csv(do.call(rbind, ipw_rows), "ipw_reference.csv", row.names = FALSE, quote = FALSE)

# --- MI: mice PMM (5 donors, type-1 matching), imputation model = every other column --------------------------------
vars <- wide[, c("ips", "age", "female", "y0", "y6", "y12")]
imp <- mice(vars, m = 20, maxit = 10, method = "pmm", seed = 20161202, printFlag = FALSE)
long <- complete(imp, "long")
write.csv(long[, c(".imp", ".id", "ips", "age", "female", "y0", "y6", "y12")], "mi_imputed_long.csv", row.names = FALSE)
mi_rows <- list()
pooled_rows <- function(imp, label) {
  out <- list()
  for (occ in c("6", "12")) {
    f <- str2lang(paste0("y", occ, " ~ ips + y0"))
    fits <- eval(bquote(with(imp, lm(.(f)))))  # the formula is evaluated inside each completed data set
    s <- summary(pool(fits), conf.int = TRUE)
    pl <- pool(fits)$pooled
    for (i in seq_len(nrow(s))) out[[length(out) + 1]] <- data.frame(run = label, occasion = occ, term = as.character(s$term[i]),
      estimate = fmt(s$estimate[i]), std_error = fmt(s$std.error[i]), df = fmt(s$df[i]), p_value = fmt(s$p.value[i]),
      conf_low = fmt(s[i, "2.5 %"]), conf_high = fmt(s[i, "97.5 %"]), b = fmt(pl$b[i]), ubar = fmt(pl$ubar[i]), dfcom = pl$dfcom[i], m = imp$m)
  }
  out
}
mi_rows <- c(pooled_rows(imp, "fixed-imputations"), pooled_rows(mice(vars, m = 50, maxit = 10, method = "pmm", seed = 20161203, printFlag = FALSE), "mice-m50"))
write.csv(do.call(rbind, mi_rows), "mi_reference.csv", row.names = FALSE, quote = FALSE)
cat("mice", as.character(packageVersion("mice")), "sandwich", as.character(packageVersion("sandwich")), R.version.string, "\n")
