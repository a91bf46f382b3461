# Golden values for OLS + sandwich variances (Trial.Analysis tests read ols_sandwich.csv).
# Run from this folder: Rscript ols_sandwich.R
# R 4.2 (Debian) with sandwich, clubSandwich, plm. Writes the data sets used as CSV next to this script.
suppressPackageStartupMessages({ library(sandwich); library(clubSandwich); library(plm) })
options(digits = 17)
out <- data.frame(dataset = character(), model = character(), quantity = character(), term = character(), value = numeric())
add <- function(ds, model, quantity, v) {
  out <<- rbind(out, data.frame(dataset = ds, model = model, quantity = quantity, term = names(v), value = unname(v)))
}
se <- function(V) sqrt(diag(V))

## PetersenCL: 500 firms x 10 years
data("PetersenCL", package = "sandwich")
write.csv(PetersenCL, "PetersenCL.csv", row.names = FALSE)
m <- lm(y ~ x, data = PetersenCL)
add("PetersenCL", "y~x", "coef", coef(m))
add("PetersenCL", "y~x", "se_iid", se(vcov(m)))
for (t in c("HC0", "HC1", "HC2", "HC3")) add("PetersenCL", "y~x", paste0("se_", t), se(vcovHC(m, type = t)))
add("PetersenCL", "y~x", "se_CR1S_firm", se(vcovCL(m, cluster = ~firm)))                          # = Stata
add("PetersenCL", "y~x", "se_CR0_firm", se(vcovCL(m, cluster = ~firm, type = "HC0", cadjust = FALSE)))
add("PetersenCL", "y~x", "se_CR1_firm", se(vcovCR(m, cluster = PetersenCL$firm, type = "CR1")))  # m/(m-1) only
add("PetersenCL", "y~x", "se_CR2_firm", se(vcovCR(m, cluster = PetersenCL$firm, type = "CR2")))
ct <- coef_test(m, vcov = "CR2", cluster = PetersenCL$firm, test = "Satterthwaite")
add("PetersenCL", "y~x", "df_CR2_firm", setNames(ct$df_Satt, names(coef(m))))
add("PetersenCL", "y~x", "se_CR2_year", se(vcovCR(m, cluster = PetersenCL$year, type = "CR2")))
ct <- coef_test(m, vcov = "CR2", cluster = PetersenCL$year, test = "Satterthwaite")
add("PetersenCL", "y~x", "df_CR2_year", setNames(ct$df_Satt, names(coef(m))))
add("PetersenCL", "y~x", "se_CR1S_year", se(vcovCL(m, cluster = ~year)))
add("PetersenCL", "y~x", "se_CR1S_firm_year_perdim", se(vcovCL(m, cluster = ~firm + year)))     # sandwich default
# min-G (fixest/reghdfe): (V_firm + V_year - V_firm:year)_CR0 * Gmin/(Gmin-1) * (N-1)/(N-K)
N <- nobs(m); K <- length(coef(m))
v0 <- function(cl) vcovCL(m, cluster = cl, type = "HC0", cadjust = FALSE)
Gmin <- min(length(unique(PetersenCL$firm)), length(unique(PetersenCL$year)))
Vmin <- (v0(~firm) + v0(~year) - v0(interaction(PetersenCL$firm, PetersenCL$year))) * Gmin / (Gmin - 1) * (N - 1) / (N - K)
add("PetersenCL", "y~x", "se_CR1S_firm_year_ming", se(Vmin))

## Grunfeld (plm): 10 firms x 20 years
data("Grunfeld", package = "plm")
write.csv(Grunfeld, "Grunfeld.csv", row.names = FALSE)
g <- lm(inv ~ value + capital, data = Grunfeld)
add("Grunfeld", "inv~value+capital", "coef", coef(g))
add("Grunfeld", "inv~value+capital", "se_iid", se(vcov(g)))
for (t in c("HC0", "HC1", "HC2", "HC3")) add("Grunfeld", "inv~value+capital", paste0("se_", t), se(vcovHC(g, type = t)))
add("Grunfeld", "inv~value+capital", "se_CR1S_firm", se(vcovCL(g, cluster = ~firm)))
add("Grunfeld", "inv~value+capital", "se_CR1_firm", se(vcovCR(g, cluster = Grunfeld$firm, type = "CR1")))
add("Grunfeld", "inv~value+capital", "se_CR2_firm", se(vcovCR(g, cluster = Grunfeld$firm, type = "CR2")))
ct <- coef_test(g, vcov = "CR2", cluster = Grunfeld$firm, test = "Satterthwaite")
add("Grunfeld", "inv~value+capital", "df_CR2_firm", setNames(ct$df_Satt, names(coef(g))))
add("Grunfeld", "inv~value+capital", "se_CR1S_firm_year_perdim", se(vcovCL(g, cluster = ~firm + year)))
N <- nobs(g); K <- length(coef(g))
v0 <- function(cl) vcovCL(g, cluster = cl, type = "HC0", cadjust = FALSE)
Vmin <- (v0(~firm) + v0(~year) - v0(interaction(Grunfeld$firm, Grunfeld$year))) * 10 / 9 * (N - 1) / (N - K)
add("Grunfeld", "inv~value+capital", "se_CR1S_firm_year_ming", se(Vmin))
# Wald test of value = capital = 0 with CR1S by firm, F(2, G-1)
V <- vcovCL(g, cluster = ~firm); b <- coef(g)[2:3]; Fstat <- drop(t(b) %*% solve(V[2:3, 2:3]) %*% b) / 2
add("Grunfeld", "inv~value+capital", "wald_value_capital_CR1S_firm", c(F = Fstat, p = pf(Fstat, 2, 9, lower.tail = FALSE)))

## Fixed-effects panel: Grunfeld with firm FE (absorbed) vs lm dummies, clustered by firm.
fe <- lm(inv ~ value + capital + factor(firm), data = Grunfeld)
b <- coef(fe)[c("value", "capital")]
add("Grunfeld", "inv~value+capital|firm", "coef", b)
add("Grunfeld", "inv~value+capital|firm", "se_iid", se(vcov(fe))[c("value", "capital")])
add("Grunfeld", "inv~value+capital|firm", "se_HC1", se(vcovHC(fe, type = "HC1"))[c("value", "capital")])
# Full K (lm dummies + vcovCL, K = 2 + 10 = 12):
Vfull <- vcovCL(fe, cluster = ~firm)[c("value", "capital"), c("value", "capital")]
add("Grunfeld", "inv~value+capital|firm", "se_CR1S_firm_fullK", se(Vfull))
# Nested FE not counted (fixest default / xtreg): K = 2 -> rescale (N-K_full)/(N-K_nested)
N <- nobs(fe); Kfull <- fe$rank; Knest <- 2
add("Grunfeld", "inv~value+capital|firm", "se_CR1S_firm_nestedK", se(Vfull * (N - Kfull) / (N - Knest)))
# CR2 + Satterthwaite df with firm dummies (FE nested in the clusters): clubSandwich on lm with dummies.
add("Grunfeld", "inv~value+capital|firm", "se_CR2_firm", sqrt(diag(vcovCR(fe, cluster = Grunfeld$firm, type = "CR2")))[c("value", "capital")])
ct <- coef_test(fe, vcov = "CR2", cluster = Grunfeld$firm, test = "Satterthwaite")
add("Grunfeld", "inv~value+capital|firm", "df_CR2_firm", setNames(ct$df_Satt, names(coef(fe)))[c("value", "capital")])
s <- summary(fe)
add("Grunfeld", "inv~value+capital|firm", "r2", c(r2 = s$r.squared))
# within R2: R2 of the demeaned regression
dm <- function(v) v - ave(v, Grunfeld$firm)
w <- lm(dm(inv) ~ 0 + dm(value) + dm(capital), data = Grunfeld)
add("Grunfeld", "inv~value+capital|firm", "within_r2", c(within_r2 = 1 - sum(resid(w)^2) / sum(dm(Grunfeld$inv)^2)))
# Two-way FE firm + year, clustered by firm, full K (lm dummies)
fe2 <- lm(inv ~ value + capital + factor(firm) + factor(year), data = Grunfeld)
add("Grunfeld", "inv~value+capital|firm+year", "coef", coef(fe2)[c("value", "capital")])
V2 <- vcovCL(fe2, cluster = ~firm)[c("value", "capital"), c("value", "capital")]
add("Grunfeld", "inv~value+capital|firm+year", "se_CR1S_firm_fullK", se(V2))
# firm nested in cluster; year not: K = 2 + 20 (year levels, fixest "nonnested")
add("Grunfeld", "inv~value+capital|firm+year", "se_CR1S_firm_nestedK", se(V2 * (nobs(fe2) - fe2$rank) / (nobs(fe2) - 22)))

write.csv(out, "ols_sandwich.csv", row.names = FALSE)
cat("wrote ols_sandwich.csv with", nrow(out), "rows\n")
