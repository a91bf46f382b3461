# Golden values for the DiD estimators (did_reference.csv). The `did` package is not in Debian, so ATT(g,t) is
# computed by hand from cell means (Callaway & Sant'Anna 2021, eq. 2.6 without covariates), its analytic SE from the
# two-sample influence function, and the aggregations transcribe did 2.x compute.aggte()/wif()/get_agg_inf_func().
# Also: seed-000 event study (person FE + month FE + phase bins) by lm with dummies + sandwich::vcovCL, and the
# canonical 2x2 and ANCOVA by lm. Run from this folder: Rscript did_reference.R
suppressPackageStartupMessages(library(sandwich))
options(digits = 17)
set.seed(20260101)
out <- data.frame(dataset = character(), model = character(), quantity = character(), term = character(), value = numeric())
add <- function(ds, model, quantity, v) out <<- rbind(out, data.frame(dataset = ds, model = model, quantity = quantity, term = names(v), value = unname(v)))

## Staggered panel: 300 units x periods 1..6; cohorts first treated at 3, 4, 5; 0 = never treated.
n <- 300; periods <- 1:6
G <- sample(c(0, 3, 4, 5), n, replace = TRUE, prob = c(0.4, 0.2, 0.2, 0.2))
panel <- expand.grid(period = periods, id = 1:n)[, c("id", "period")]
panel$g <- G[panel$id]
alpha <- rnorm(n)
panel$y <- alpha[panel$id] + 0.3 * panel$period + ifelse(panel$g > 0 & panel$period >= panel$g, 1 + 0.5 * (panel$period - panel$g), 0) + rnorm(nrow(panel))
write.csv(panel, "staggered.csv", row.names = FALSE)
Y <- matrix(panel$y, nrow = n, byrow = TRUE)   # rows = id, cols = period

cs <- function(control) {
  res <- data.frame(); inf <- list()
  for (g in sort(unique(G[G > 0]))) for (ti in 2:length(periods)) {
    t <- periods[ti]; b <- if (t >= g) g - 1 else t - 1
    treated <- G == g
    ctrl <- if (control == "never") G == 0 else (G == 0 | G > max(t, b)) & G != g
    dY <- Y[, t] - Y[, b]
    mu1 <- mean(dY[treated]); mu0 <- mean(dY[ctrl])
    n1 <- sum(treated | ctrl); p <- sum(treated) / n1
    psi <- rep(0, n)
    psi[treated] <- (dY[treated] - mu1) / p * n / n1
    psi[ctrl] <- -(dY[ctrl] - mu0) / (1 - p) * n / n1
    se <- sqrt(sum(psi^2)) / n
    res <- rbind(res, data.frame(g = g, t = t, att = mu1 - mu0, se = se))
    inf[[length(inf) + 1]] <- psi
  }
  list(res = res, inf = do.call(cbind, inf))
}
wif <- function(keepers, pg, G, group) {
  if1 <- sapply(keepers, function(k) (1 * (G == group[k]) - pg[k]) / sum(pg[keepers]))
  if2 <- rowSums(sapply(keepers, function(k) 1 * (G == group[k]) - pg[k])) %*% t(pg[keepers] / (sum(pg[keepers])^2))
  if1 - if2
}
aggInf <- function(att, inffunc, which, w, wf = NULL) {
  r <- inffunc[, which, drop = FALSE] %*% as.matrix(w)
  if (!is.null(wf)) r <- r + wf %*% as.matrix(att[which])
  r
}
se_of <- function(x) sqrt(mean(x^2) / n)
for (control in c("never", "notyet")) {
  model <- paste0("cs_", control)
  r <- cs(control); res <- r$res; IF <- r$inf
  for (i in seq_len(nrow(res))) {
    add("staggered", model, "att", setNames(res$att[i], paste0("g", res$g[i], "_t", res$t[i])))
    add("staggered", model, "se", setNames(res$se[i], paste0("g", res$g[i], "_t", res$t[i])))
  }
  glist <- sort(unique(G[G > 0])); pg <- sapply(glist, function(g) mean(G == g)); pgg <- pg[match(res$g, glist)]
  keep <- which(res$g <= res$t)
  simple <- sum(res$att[keep] * pgg[keep]) / sum(pgg[keep])
  sinf <- aggInf(res$att, IF, keep, pgg[keep] / sum(pgg[keep]), wif(keep, pgg, G, res$g))
  add("staggered", model, "simple", c(att = simple, se = se_of(sinf)))
  eseq <- sort(unique(res$t - res$g)); dyn <- c(); dinf <- list()
  for (e in eseq) {
    w <- which(res$t - res$g == e); pge <- pgg[w] / sum(pgg[w])
    dyn <- c(dyn, sum(res$att[w] * pge))
    fi <- aggInf(res$att, IF, w, pge, wif(w, pgg, G, res$g)); dinf[[length(dinf) + 1]] <- fi
    add("staggered", model, "dynamic", setNames(c(sum(res$att[w] * pge), se_of(fi)), paste0(c("att_e", "se_e"), e)))
  }
  pos <- eseq >= 0
  dall <- Reduce(`+`, dinf[pos]) / sum(pos)
  add("staggered", model, "dynamic_overall", c(att = mean(dyn[pos]), se = se_of(dall)))
  attg <- sapply(glist, function(g) mean(res$att[res$g == g & res$t >= g]))
  ginf <- lapply(glist, function(g) { w <- which(res$g == g & res$t >= g); aggInf(res$att, IF, w, rep(1 / length(w), length(w))) })
  for (j in seq_along(glist)) add("staggered", model, "group", setNames(c(attg[j], se_of(ginf[[j]])), paste0(c("att_g", "se_g"), glist[j])))
  gall <- do.call(cbind, ginf) %*% as.matrix(pg / sum(pg)) + wif(seq_along(glist), pg, G, glist) %*% as.matrix(attg)
  add("staggered", model, "group_overall", c(att = sum(attg * pg) / sum(pg), se = se_of(gall)))
}

## Seed-000 event study: 400 persons x 24 months, person-specific start (some never start), bins 0-3, 4-6, 7-9, >9.
P <- 400; M <- 24
start <- ifelse(runif(P) < 0.2, NA, sample(2:20, P, replace = TRUE))
es <- expand.grid(month = 1:M, person = 1:P)[, c("person", "month")]
es$start <- start[es$person]
e <- es$month - es$start
es$work <- as.numeric(runif(nrow(es)) < 0.2 + 0.2 * rnorm(P)[es$person] * 0 + 0.004 * es$month + ifelse(!is.na(e) & e >= 4, 0.06, 0))
write.csv(es, "event_study.csv", row.names = FALSE, na = "")
bin <- function(lo, hi) as.numeric(!is.na(e) & e >= lo & e <= hi)
es$phase_0_3 <- bin(0, 3); es$phase_4_6 <- bin(4, 6); es$phase_7_9 <- bin(7, 9); es$phase_gt9 <- bin(10, Inf)
em <- lm(work ~ phase_0_3 + phase_4_6 + phase_7_9 + phase_gt9 + factor(person) + factor(month), data = es)
terms <- c("phase_0_3", "phase_4_6", "phase_7_9", "phase_gt9")
add("event_study", "seed000", "coef", coef(em)[terms])
Vf <- vcovCL(em, cluster = ~person)[terms, terms]
add("event_study", "seed000", "se_CR1S_person_fullK", sqrt(diag(Vf)))
add("event_study", "seed000", "se_CR1S_person_nestedK", sqrt(diag(Vf * (nobs(em) - em$rank) / (nobs(em) - 4 - (M)))))

## Canonical 2x2 and ANCOVA on a two-period RCT.
N2 <- 500; treat <- rbinom(N2, 1, 0.5); base <- rnorm(N2); follow <- 0.6 * base + 0.3 * treat + rnorm(N2)
wide <- data.frame(id = 1:N2, treat = treat, y0 = base, y1 = follow)
write.csv(wide, "rct_wide.csv", row.names = FALSE)
long <- rbind(data.frame(id = wide$id, treat = treat, post = 0, y = base), data.frame(id = wide$id, treat = treat, post = 1, y = follow))
write.csv(long, "rct_long.csv", row.names = FALSE)
d22 <- lm(y ~ treat * post, data = long)
add("rct", "2x2", "coef", coef(d22)["treat:post"])
add("rct", "2x2", "se_CR1S_id", sqrt(diag(vcovCL(d22, cluster = ~id)))["treat:post"])
an <- lm(y1 ~ treat + y0, data = wide)
add("rct", "ancova", "coef", coef(an)["treat"])
add("rct", "ancova", "se_HC1", sqrt(diag(vcovHC(an, type = "HC1")))["treat"])

write.csv(out, "did_reference.csv", row.names = FALSE)
cat("wrote did_reference.csv with", nrow(out), "rows\n")
