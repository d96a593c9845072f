#!/usr/bin/env Rscript
# Civilians killed by drone strikes per month, across an ensemble, with and without the PMC, in base R.
#
# The same loop as examples/python/drone_strikes.py: run two ensembles of the Sahel 2024 scenario that keep every
# run's events (CSV), count civilians killed by drone strikes per run and month, plot the spread across runs to a
# PNG and compare the variants run by run. Needs only base R (Debian: r-base-core) and the sim command line.
#
#   Rscript examples/r/drone_strikes.R [RUNS] [SIM] [OUT]
#   Rscript examples/r/drone_strikes.R 20 "dotnet engine/Sim.Cli/bin/Release/net10.0/sim.dll" /tmp/example-r

args <- commandArgs(trailingOnly = TRUE)
runs <- if (length(args) >= 1) as.integer(args[1]) else 200L
sim <- if (length(args) >= 2) args[2] else "sim"
out <- if (length(args) >= 3) args[3] else file.path("out", "example-r")
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
root <- normalizePath(file.path(dirname(script), "..", ".."))
scenario <- file.path(root, "scenarios", "sahel-2024", "scenario.yaml")

run_ensemble <- function(folder, overrides) {
  command <- paste(sim, "mc", shQuote(scenario), "--runs", runs, "--seed 1 --threads 2 --keep events --format csv",
                   "--out", shQuote(folder), "--force --quiet", paste("--set", overrides, collapse = " "))
  if (system(paste(command, "> /dev/null")) != 0) stop("sim mc failed: ", command)
}

drone_deaths_per_month <- function(folder) {
  # Codes and seeds stay text: without colClasses, CAMEO "050" reads as 50 and a 64-bit seed is rounded.
  events <- read.csv(file.path(folder, "events.csv"), colClasses = c(cameo = "character", seed_text = "character"))
  strikes <- events[events$action == "drone_strike", ]
  months <- format(seq(as.Date(min(events$date)), as.Date(max(events$date)), by = "day"), "%Y-%m")
  # One row per run, one column per month; runs and months without a drone strike count as zero.
  xtabs(civilian_fatalities ~ factor(run, levels = 0:(runs - 1)) + factor(substr(date, 1, 7), levels = unique(months)),
        data = strikes)
}

variants <- list("with the PMC (as of July 2024)" = character(0), "without the PMC (pmc_presence=0)" = "pmc_presence=0")
tables <- list()
for (i in seq_along(variants)) {
  folder <- file.path(out, paste0("variant", i - 1))
  run_ensemble(folder, variants[[i]])
  tables[[names(variants)[i]]] <- drone_deaths_per_month(folder)
}

png(file.path(out, "drone-strike-civilians.png"), width = 900, height = 450)
colours <- c("steelblue", "darkorange")
top <- max(sapply(tables, function(t) max(apply(t, 2, quantile, 0.95))), 1)
x <- seq_len(ncol(tables[[1]]))
plot(NA, xlim = range(x), ylim = c(0, top), xaxt = "n", xlab = "", ylab = "civilians killed per month",
     main = sprintf("Sahel 2024: civilians killed by drone strikes per month (%d runs each)", runs))
axis(1, at = x, labels = colnames(tables[[1]]), las = 2, cex.axis = 0.8)
for (i in seq_along(tables)) {
  t <- tables[[i]]
  polygon(c(x, rev(x)), c(apply(t, 2, quantile, 0.05), rev(apply(t, 2, quantile, 0.95))),
          col = adjustcolor(colours[i], 0.2), border = NA)
  lines(x, colMeans(t), type = "o", col = colours[i], pch = 19)
}
legend("topright", legend = paste(names(tables), "(mean, 5-95% of runs)"), col = colours, lwd = 2, cex = 0.8)
invisible(dev.off())

# Run i has the same seed in both ensembles, so the difference is paired run by run.
diff <- rowSums(tables[[2]]) - rowSums(tables[[1]])
half <- if (runs > 1) 1.96 * sd(diff) / sqrt(runs) else NA
cat("civilians killed by drone strikes over the year, mean per run:\n")
for (name in names(tables)) cat(sprintf("  %-36s %8.1f\n", name, mean(rowSums(tables[[name]]))))
cat(sprintf("  paired difference (without - with)   %8.1f  95%% interval [%.1f, %.1f]\n", mean(diff), mean(diff) - half, mean(diff) + half))
cat("wrote", file.path(out, "drone-strike-civilians.png"), "\n")
