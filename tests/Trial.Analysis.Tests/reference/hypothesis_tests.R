# Golden values for Trial.Analysis.HypothesisTests: t.test, chisq.test, fisher.test (R 4.2.2 stats).
# Run from this folder: Rscript hypothesis_tests.R   -> hypothesis/hypothesis_tests.json
suppressPackageStartupMessages(library(jsonlite))
tt <- function(x, y, var.equal) {
  r <- t.test(x, y, var.equal = var.equal)
  list(call = sprintf("t.test(x, y, var.equal = %s)", var.equal), x = x, y = y, t = unname(r$statistic),
       df = unname(r$parameter), p = r$p.value, lower = r$conf.int[1], upper = r$conf.int[2],
       mean_x = unname(r$estimate[1]), mean_y = unname(r$estimate[2]), stderr = r$stderr)
}
ch <- function(m, correct) {
  r <- suppressWarnings(chisq.test(m, correct = correct))
  list(call = sprintf("chisq.test(m, correct = %s)", correct), table = m, statistic = unname(r$statistic),
       df = unname(r$parameter), p = r$p.value, expected = unname(r$expected))
}
fi <- function(m) {
  r <- fisher.test(m)
  list(call = "fisher.test(m)", table = m, p = r$p.value, estimate = unname(r$estimate),
       lower = r$conf.int[1], upper = r$conf.int[2])
}
sleep_x <- sleep$extra[sleep$group == "1"]; sleep_y <- sleep$extra[sleep$group == "2"]
# mtcars mpg by transmission (am = 0 vs 1)
mt_x <- mtcars$mpg[mtcars$am == 0]; mt_y <- mtcars$mpg[mtcars$am == 1]
tea <- matrix(c(3, 1, 1, 3), nrow = 2)                 # fisher.test help: TeaTasting
convictions <- matrix(c(2, 10, 15, 3), nrow = 2)       # fisher.test help: Convictions
smokers <- matrix(c(83, 3, 90, 3, 129, 7, 70, 12), nrow = 2)  # prop.test help: smokers (2x4 as counts)
mtcars_am_vs <- unname(unclass(table(mtcars$am, mtcars$vs)))
hair_eye <- unname(apply(HairEyeColor, c(1, 2), sum))  # 4x4
mi <- function(x) {
  r <- t.test(x)
  list(call = "t.test(x)$conf.int", x = x, mean = unname(r$estimate), lower = r$conf.int[1], upper = r$conf.int[2])
}
out <- list(
  mean_sleep_1 = mi(sleep_x), mean_mtcars_manual = mi(mt_y),
  welch_sleep = tt(sleep_x, sleep_y, FALSE), student_sleep = tt(sleep_x, sleep_y, TRUE),
  welch_mtcars = tt(mt_x, mt_y, FALSE), student_mtcars = tt(mt_x, mt_y, TRUE),
  chisq_yates_am_vs = ch(mtcars_am_vs, TRUE), chisq_plain_am_vs = ch(mtcars_am_vs, FALSE),
  chisq_yates_convictions = ch(convictions, TRUE), chisq_plain_convictions = ch(convictions, FALSE),
  chisq_hair_eye = ch(hair_eye, TRUE), chisq_smokers = ch(smokers, TRUE),
  fisher_tea = fi(tea), fisher_convictions = fi(convictions), fisher_am_vs = fi(mtcars_am_vs)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, matrix = "rowmajor"), "hypothesis/hypothesis_tests.json")
