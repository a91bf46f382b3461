# Golden p-values of the restricted wild cluster bootstrap (WCR) by brute force: every Rademacher sign vector
# (2^G, no random numbers), refitting lm for each and using sandwich::vcovCL (CR1S) t statistics.
# Grunfeld (plm), inv ~ value + capital, clusters = firm (G = 10, 1024 sign vectors). Writes wild_bootstrap.csv.
# Run from this folder: Rscript wild_bootstrap.R
suppressPackageStartupMessages({ library(sandwich); library(plm) })
options(digits = 17)
data("Grunfeld", package = "plm")
m <- lm(inv ~ value + capital, data = Grunfeld)
firm <- Grunfeld$firm; G <- length(unique(firm))
signs <- as.matrix(expand.grid(rep(list(c(1, -1)), G)))
out <- data.frame(dataset = character(), model = character(), quantity = character(), term = character(), value = numeric())
for (term in c("capital", "value")) for (r0 in c(0, 0.2)) {
  if (term == "value" && r0 != 0) next
  t_obs <- (coef(m)[term] - r0) / sqrt(vcovCL(m, cluster = ~firm)[term, term])
  # restricted fit: move r0 * term to the left-hand side
  f_r <- if (term == "capital") inv - r0 * capital ~ value else inv - r0 * value ~ capital
  fr <- lm(f_r, data = Grunfeld)
  fitted_r <- fitted(fr) + r0 * Grunfeld[[term]]
  u <- residuals(fr)
  tstar <- apply(signs, 1, function(v) {
    d <- Grunfeld; d$ystar <- fitted_r + v[as.integer(factor(firm))] * u
    mb <- lm(ystar ~ value + capital, data = d)
    (coef(mb)[term] - r0) / sqrt(vcovCL(mb, cluster = ~firm)[term, term])
  })
  p <- mean(abs(tstar) >= abs(t_obs) * (1 - 1e-12))
  out <- rbind(out, data.frame(dataset = "Grunfeld", model = "inv~value+capital", quantity = paste0("wcr_p_null_", r0), term = term, value = p))
  out <- rbind(out, data.frame(dataset = "Grunfeld", model = "inv~value+capital", quantity = paste0("t_null_", r0), term = term, value = unname(t_obs)))
}
write.csv(out, "wild_bootstrap.csv", row.names = FALSE)
print(out)
