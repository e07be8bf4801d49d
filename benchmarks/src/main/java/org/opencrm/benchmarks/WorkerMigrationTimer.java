package org.opencrm.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * migration-worker's {@code crm.worker.migrations} timer (receiving a migration to committing its DDL, ledger row
 * and outcome event in one transaction), read from its Prometheus endpoint. The difference of two readings taken
 * around a single migration is that migration's duration inside the worker.
 */
final class WorkerMigrationTimer {

    /** The timer's count and total seconds for outcome "applied"; NaN when the endpoint could not be read. */
    record Reading(double count, double sumSeconds) {

        /** Milliseconds the worker spent on the migrations between two readings, NaN unless exactly one ran. */
        double millisSince(Reading earlier) {
            if (Double.isNaN(count) || Double.isNaN(earlier.count) || count - earlier.count != 1) {
                return Double.NaN;
            }
            return (sumSeconds - earlier.sumSeconds) * 1_000;
        }
    }

    private final String metricsUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    WorkerMigrationTimer(String workerUrl) {
        this.metricsUrl = workerUrl + "/actuator/prometheus";
    }

    Reading read() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Reading(Double.NaN, Double.NaN);
            }
            return parse(response.body());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Reading(Double.NaN, Double.NaN);
        }
    }

    /** Reads {@code crm_worker_migrations_seconds_count/_sum{outcome="applied"}} from Prometheus text. */
    static Reading parse(String text) {
        double count = 0;
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.contains("outcome=\"applied\"")) {
                continue;
            }
            if (line.startsWith("crm_worker_migrations_seconds_count{")) {
                count += value(line);
            } else if (line.startsWith("crm_worker_migrations_seconds_sum{")) {
                sum += value(line);
            }
        }
        return new Reading(count, sum);
    }

    private static double value(String line) {
        String afterLabels = line.substring(line.indexOf("} ") + 2).trim();
        return Double.parseDouble(afterLabels.split("\\s+")[0]);
    }
}
