# Checks that every tables/*.csv of a `trial-analysis run` output folder loads with R's read.csv into the columns
# declared in results.json (report.csvColumns): same names, in order, numeric columns numeric, no parse warnings.
# Usage: Rscript check_tidy_csv.R OUTPUT_FOLDER        (exit status 1 and a message per problem otherwise)
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
folder <- args[1]
results <- paste(readLines(file.path(folder, "results.json"), warn = FALSE, encoding = "UTF-8"), collapse = "\n")
# The declared columns, without a JSON package: each {"name": ..., "type": ...} entry of csvColumns.
block <- regmatches(results, regexpr('"csvColumns": \\[[^]]*\\]', results))
names <- regmatches(block, gregexpr('"name": "[^"]*"', block))[[1]]
types <- regmatches(block, gregexpr('"type": "[^"]*"', block))[[1]]
names <- sub('"name": "([^"]*)"', "\\1", names)
types <- sub('"type": "([^"]*)"', "\\1", types)
stopifnot(length(names) > 0, length(names) == length(types))
problems <- character()
files <- list.files(file.path(folder, "tables"), pattern = "\\.csv$", full.names = TRUE)
# left-out.csv (withdrawals) has its own declared columns; the other files share the tidy layout.
left <- file.path(folder, "tables", "left-out.csv")
if (file.exists(left)) {
  lo <- read.csv(left, stringsAsFactors = FALSE)
  if (!identical(names(lo), c("table", "reason", "arm", "participants", "records", "record_unit")) || !is.numeric(lo$participants))
    problems <- c(problems, "left-out.csv: columns")
  files <- setdiff(files, left)
}
for (f in files) {
  d <- withCallingHandlers(
    read.csv(f, encoding = "UTF-8", stringsAsFactors = FALSE),
    warning = function(w) { problems <<- c(problems, sprintf("%s: warning %s", basename(f), conditionMessage(w))); invokeRestart("muffleWarning") })
  if (!identical(names(d), names)) problems <- c(problems, sprintf("%s: columns %s", basename(f), paste(names(d), collapse = ",")))
  for (k in which(types == "numeric")) {
    if (!is.numeric(d[[names[k]]]) && !all(is.na(d[[names[k]]]))) problems <- c(problems, sprintf("%s: column %s is %s", basename(f), names[k], class(d[[names[k]]])))
  }
  cat(sprintf("%-28s %5d rows x %2d columns\n", basename(f), nrow(d), ncol(d)))
}
if (length(problems) > 0) { writeLines(problems); quit(status = 1) }
cat(sprintf("OK: %d CSV files load with read.csv into the %d declared columns\n", length(files), length(names)))
