# Case F, R side: from the CSV file to the estimate, end to end, as a statistician would do it fastest in R here:
# data.table::fread (all threads), collapse::fwithin alternating projections over both absorbed FE on one matrix,
# crossprod + Cholesky, collapse::fsum cluster scores, CR1S = G/(G-1) * (N-1)/(N-K) with every FE level in K
# (as `trial-analysis fit --fe-k full`, the default). Writes the coefficients and SEs as CSV to stdout.
# Usage: Rscript case_f.R FILE.csv
args <- commandArgs(TRUE)
suppressPackageStartupMessages({ library(data.table); library(collapse) })
d <- fread(args[1], select = c("firm", "month", "x1", "x2", "x3", "y"), colClasses = c(firm = "character", month = "character"))
xs <- c("x1", "x2", "x3")
ff <- qF(d$firm, sort = FALSE); mf <- qF(d$month, sort = FALSE)
M <- as.matrix(d[, c("y", xs), with = FALSE])
rm(d)
repeat {
  nxt <- fwithin(fwithin(M, ff), mf)
  done <- max(abs(nxt - M)) < 1e-13
  M <- nxt
  if (done) break
}
X <- M[, -1, drop = FALSE]; y <- M[, 1]
R <- chol(crossprod(X))
b <- backsolve(R, forwardsolve(t(R), crossprod(X, y)))
e <- y - X %*% b
S <- fsum(X * as.vector(e), ff)
bread <- chol2inv(R)
G <- nlevels(ff); N <- nrow(X); K <- ncol(X) + nlevels(ff) + nlevels(mf) - 1
V <- (G / (G - 1)) * ((N - 1) / (N - K)) * bread %*% crossprod(S) %*% bread
write.csv(data.frame(term = xs, estimate = as.vector(b), std_error = sqrt(diag(V))), stdout(), row.names = FALSE)
