# Golden values for seed 001 Table 15 (specialist-care use from NPR, plan analysis `specialist`): OLS of a monthly
# count on IPS + age + female + year, calendar-month and centre dummies over post-inclusion person-months, with
# CR1S clustered on centre (Stata's cluster() = sandwich::vcovCL type HC1: (N−1)/(N−K)·G/(G−1), t(G−1)) and CR2 with
# Satterthwaite df (clubSandwich::coef_test). Dummies count in K (fe_in_k: full), as lm's factor() terms do.
# Run from this folder:  Rscript specialist_care.R   (R 4.2, sandwich 3.0, clubSandwich 0.5)
# Writes: specialist_panel.csv (the data; NA = no NPR data that month) and specialist_reference.csv.
suppressPackageStartupMessages({ library(sandwich); library(clubSandwich) })
options(digits = 17)
set.seed(20151231)
n <- 150
people <- data.frame(participant = sprintf("P-%04d", 1:n), centre = sample(c("1", "2", "3", "4", "5", "6"), n, replace = TRUE),
                     ips = rbinom(n, 1, 0.55), age = round(runif(n, 18, 60)), female = rbinom(n, 1, 0.5),
                     inclusion = sample(46:57, n, replace = TRUE),            # months since 2010-01: Nov 2013 – Oct 2014
                     frailty = exp(rnorm(n, 0, 0.8) - 0.32))
rows <- list()
for (i in 1:n) {
  months <- (people$inclusion[i] + 1):75                                   # post-inclusion months to April 2016
  rate <- 1.2 * people$frailty[i] * (1 + 0.01 * (people$age[i] - 35)) * ifelse(people$female[i] == 1, 1.1, 1)
  y <- rpois(length(months), rate)
  y[months > 71] <- NA                                                     # NPR ends December 2015
  rows[[i]] <- data.frame(participant = people$participant[i], centre = people$centre[i], ips = people$ips[i],
                          age = people$age[i], female = people$female[i], year = 2010 + months %/% 12,
                          calendar_month = sprintf("%02d", months %% 12 + 1), y = y)
}
panel <- do.call(rbind, rows)
write.csv(panel, "specialist_panel.csv", row.names = FALSE, na = "")
d <- panel[!is.na(panel$y), ]
m <- lm(y ~ ips + age + female + factor(year) + factor(calendar_month) + factor(centre), data = d)
terms <- c("(Intercept)", "ips", "age", "female")
out <- data.frame(dataset = character(), model = character(), quantity = character(), term = character(), value = numeric())
add <- function(quantity, v) out <<- rbind(out, data.frame(dataset = "specialist", model = "table15", quantity = quantity, term = names(v), value = unname(v)))
add("coef", coef(m)[terms])
add("n", c(n = nobs(m)))
add("r2", c(r2 = summary(m)$r.squared))
v1 <- vcovCL(m, cluster = ~centre, type = "HC1")
se1 <- sqrt(diag(v1))[terms]
G <- length(unique(d$centre))
add("se_CR1S_centre", se1)
add("p_CR1S_centre", 2 * pt(abs(coef(m)[terms] / se1), G - 1, lower.tail = FALSE))
ct <- coef_test(m, vcov = "CR2", cluster = d$centre, test = "Satterthwaite")
rownames(ct) <- names(coef(m))
add("se_CR2_centre", setNames(ct[terms, "SE"], terms))
add("df_CR2_centre", setNames(ct[terms, "df_Satt"], terms))
add("p_CR2_centre", setNames(ct[terms, "p_Satt"], terms))
write.csv(out, "specialist_reference.csv", row.names = FALSE)
cat("sandwich", as.character(packageVersion("sandwich")), "clubSandwich", as.character(packageVersion("clubSandwich")), R.version.string, "\n")
