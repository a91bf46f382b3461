# Golden values for factor coding, interactions and missing-row handling (design_factors.csv).
# Run from this folder: Rscript design_factors.R   (R 4.2, base datasets only)
options(digits = 17)
out <- data.frame(dataset = character(), model = character(), quantity = character(), term = character(), value = numeric())
add <- function(ds, model, quantity, v) out <<- rbind(out, data.frame(dataset = ds, model = model, quantity = quantity, term = names(v), value = unname(v)))

# warpbreaks: text factors wool (A, B) and tension (L, M, H); reference tension L set explicitly.
wb <- warpbreaks
write.csv(data.frame(breaks = wb$breaks, wool = as.character(wb$wool), tension = as.character(wb$tension)), "warpbreaks.csv", row.names = FALSE)
m <- lm(breaks ~ wool * tension, data = wb)
add("warpbreaks", "breaks~wool*relevel(tension,L)", "coef", coef(m))
add("warpbreaks", "breaks~wool*relevel(tension,L)", "se_iid", sqrt(diag(vcov(m))))
# numeric x factor without the numeric main effect: full indicator coding of the factor
wb$x <- seq_len(nrow(wb)) / 10
write.csv(data.frame(breaks = wb$breaks, wool = as.character(wb$wool), tension = as.character(wb$tension), x = wb$x), "warpbreaks_x.csv", row.names = FALSE)
m2 <- lm(breaks ~ wool + x:wool, data = wb)
add("warpbreaks", "breaks~wool+x:wool", "coef", coef(m2))

# airquality: missing values in Ozone and Solar.R; factor(Month) from a numeric column.
write.csv(airquality, "airquality.csv", row.names = FALSE, na = "")
a <- lm(Ozone ~ Solar.R + Wind + factor(Month), data = airquality)
add("airquality", "Ozone~Solar.R+Wind+factor(Month)", "coef", coef(a))
add("airquality", "Ozone~Solar.R+Wind+factor(Month)", "n", c(n = nobs(a), dropped = nrow(airquality) - nobs(a)))
add("airquality", "Ozone~Solar.R+Wind+factor(Month)", "r2", c(r2 = summary(a)$r.squared))

# Collinearity: a column that is an exact linear combination is dropped (NA in lm) by name.
cc <- data.frame(y = airquality$Temp, a = airquality$Wind, b = airquality$Day)
cc$c <- cc$a + 2 * cc$b
write.csv(cc, "collinear.csv", row.names = FALSE)
k <- lm(y ~ a + b + c, data = cc)
add("collinear", "y~a+b+c", "coef", coef(k)[!is.na(coef(k))])
add("collinear", "y~a+b+c", "na", c(c = as.numeric(is.na(coef(k)["c"]))))

write.csv(out, "design_factors.csv", row.names = FALSE)
cat("wrote design_factors.csv with", nrow(out), "rows\n")
