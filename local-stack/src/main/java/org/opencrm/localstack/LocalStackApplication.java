package org.opencrm.localstack;

import java.util.concurrent.CountDownLatch;

/** {@code ./run.sh}: starts the platform with demo data and prints how to use it; Ctrl-C stops everything. */
public final class LocalStackApplication {

    private LocalStackApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment();
        long started = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the platform...");
            platform.close();
            stopped.countDown();
        }, "local-stack-stop"));

        String gateway = platform.gatewayUrl();
        StringBuilder banner = new StringBuilder()
                .append("\n=== OpenCRM is running (started in ").append((System.nanoTime() - started) / 1_000_000).append(" ms) ===\n")
                .append("Gateway (REST):  ").append(gateway).append('\n')
                .append("gRPC:            localhost:").append(platform.grpcPort()).append(" (crm.records.v1.RecordService)\n");
        if (settings.seedDemo()) {
            DemoData.DemoWorkspace demo = new DemoData(new PlatformClient(gateway)).seed();
            banner.append("Demo user:       ").append(demo.email()).append(" / ").append(demo.password()).append('\n')
                    .append("Demo workspace:  ").append(demo.workspaceId())
                    .append(" (ACTIVE ").append(demo.provisioningMillis()).append(" ms after the request)\n")
                    .append("API key:         ").append(demo.apiKey()).append("\n\n")
                    .append("Try it:\n")
                    .append("  export KEY=").append(demo.apiKey()).append('\n')
                    .append("  curl -s ").append(gateway).append("/rest/people -H \"Authorization: Bearer $KEY\"\n")
                    .append("  curl -s -X POST ").append(gateway).append("/rest/companies -H \"Authorization: Bearer $KEY\"")
                    .append(" -H 'Content-Type: application/json' -d '{\"name\":\"Wayne Enterprises\",\"employees\":500}'\n")
                    .append("  curl -s -X POST ").append(gateway).append("/rest/webhooks -H \"Authorization: Bearer $KEY\"")
                    .append(" -H 'Content-Type: application/json'")
                    .append(" -d '{\"targetUrl\":\"http://localhost:9999/hook\",\"operations\":[\"*.*\"],\"secret\":\"a-secret-of-16-chars-or-more\"}'\n");
        }
        banner.append("\nPress Ctrl-C to stop.\n");
        System.out.println(banner);
        stopped.await();
    }
}
