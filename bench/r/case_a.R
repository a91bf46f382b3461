# Case A, R side: the fastest general R route on this machine for a two-way FE LPM with CR1 by person.
# collapse::fwithin alternating projections on one numeric matrix (no data-frame conversion per sweep), crossprod +
# Cholesky for the coefficients, collapse::fsum for the per-cluster scores. fixest is not in Debian, so fhdwithin/feols
# are not available here. K counts every FE level (as lm with dummies), CR1S = G/(G-1) * (N-1)/(N-K), as the C# side.
# Usage: Rscript case_a.R DIR   (DIR holds n.txt and <column>.bin doubles written by the benchmark)
args <- commandArgs(TRUE); dir <- args[1]
suppressPackageStartupMessages(library(collapse))
n <- as.integer(readLines(file.path(dir, "n.txt"), warn = FALSE))
rd <- function(name) readBin(file.path(dir, paste0(name, ".bin")), "double", n)
xs <- c("p0_3", "p4_6", "p7_9", "p10", "x1", "x2", "x3")
M <- do.call(cbind, lapply(setNames(c("work", xs), c("work", xs)), rd))
person <- rd("person"); month <- rd("month")
gc()
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
# The route runs twice in this process and the faster run counts: the second reuses the heap the first grew (glibc keeps
# freed memory, Measured.RHeap), as the C# side's later attempts reuse the memory of the one before.
route <- function(M) {
  c0 <- cpu(); t0 <- proc.time()[["elapsed"]]
  pf <- qF(person, sort = FALSE); mf <- qF(month, sort = FALSE)
  repeat {
    nxt <- fwithin(fwithin(M, pf), mf)
    done <- max(abs(nxt - M)) < 1e-12
    M <- nxt
    if (done) break
  }
  t1 <- proc.time()[["elapsed"]]
  X <- M[, -1, drop = FALSE]; y <- M[, 1]
  R <- chol(crossprod(X))
  b <- backsolve(R, forwardsolve(t(R), crossprod(X, y)))
  e <- y - X %*% b
  t2 <- proc.time()[["elapsed"]]
  S <- fsum(X * as.vector(e), pf)
  bread <- chol2inv(R)
  G <- nlevels(pf); N <- nrow(X); K <- ncol(X) + nlevels(pf) + nlevels(mf) - 1
  V <- (G / (G - 1)) * ((N - 1) / (N - K)) * bread %*% crossprod(S) %*% bread
  t3 <- proc.time()[["elapsed"]]
  c3 <- cpu()
  list(b = b, V = V, secs = c(t3 - t0, t1 - t0, t2 - t1, t3 - t2, c3 - c0))
}
runs <- list(route(M), route(M))
best <- runs[[which.min(sapply(runs, function(r) r$secs[1]))]]
b <- best$b; V <- best$V
secs <- c(best$secs, rep(NA, length(xs) - 5))
write.csv(data.frame(term = xs, estimate = as.vector(b), std_error = sqrt(diag(V)), seconds = secs),
          file.path(dir, "r_result.csv"), row.names = FALSE)
