import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What one portal home request costs the app: n sequential GET /api/portal/home with one portal session, the app's
 * CPU time around them (utime + stime of its process from /proc, 10 ms ticks; the idle rate over 5 s is subtracted)
 * and the latency percentiles. Plain JDK; run it several times: the first runs include the JIT (docs/benchmarks.md).
 *   java bench/PortalHomeCpu.java http://127.0.0.1:8103 <JSESSIONID of a signed-in customer> <app pid> 3000
 */
public class PortalHomeCpu {

    static long cpuMillis(String pid) throws Exception {
        String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String session = args[1];
        String pid = args[2];
        int n = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/portal/home"))
                .header("Cookie", "JSESSIONID=" + session).build();
        for (int i = 0; i < 200; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        long idleStart = cpuMillis(pid);
        Thread.sleep(5000);
        long idle = cpuMillis(pid) - idleStart;
        long[] took = new long[n];
        long cpuStart = cpuMillis(pid);
        long wallStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            took[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
        }
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        long used = cpuMillis(pid) - cpuStart;
        Arrays.sort(took);
        System.out.printf("n=%d wall=%d ms app_cpu=%d ms => %.2f ms cpu/request (idle-corrected %.2f); p50=%.2f p90=%.2f p99=%.2f ms%n",
                n, wall, used, used / (double) n, (used - idle * wall / 5000.0) / n, took[n / 2] / 1e6, took[n * 9 / 10] / 1e6,
                took[n * 99 / 100] / 1e6);
    }
}
