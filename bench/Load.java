/*
 * An open-model HTTP load generator for InsureCRM's benchmarks: it sends requests at a fixed rate (not as fast as
 * the server answers, so slow answers do not hide queueing), for a fixed time, signed in as a staff member through
 * the login form, and reports latency percentiles. Runs with the plain JDK, no dependencies:
 *
 *   java bench/Load.java --url http://localhost:8080 --path '/api/customers/{id}/360' --ids 1-1000000 \
 *        --rate 200 --seconds 60 --user admin --password demo1234 [--warmup 10] [--seed 42]
 *
 * Portal mode (docs/portal.md): customers sign in with phone + one-time code instead; the codes are read from the
 * application log written by the portal's logging code sender, and requests go round-robin over the signed-in
 * customers' sessions ({id} is not used):
 *
 *   java bench/Load.java --url http://localhost:8103 --path /api/portal/home --portal-phones phones.txt \
 *        --portal-log app.log --rate 200 --seconds 60
 *
 * Only loopback addresses are accepted as targets.
 */
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.getOrDefault("url", "http://localhost:8080");
        String host = URI.create(url).getHost();
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("Load is only sent to this machine (loopback), not to " + host);
        }
        String path = options.getOrDefault("path", "/api/customers/{id}/360");
        String[] range = options.getOrDefault("ids", "1-1000").split("-");
        long minId = Long.parseLong(range[0]);
        long maxId = Long.parseLong(range[1]);
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));

        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(64);
        List<HttpClient> clients = new ArrayList<>();
        if (options.containsKey("portal-phones")) {
            java.nio.file.Path log = java.nio.file.Path.of(options.get("portal-log"));
            for (String phone : java.nio.file.Files.readAllLines(java.nio.file.Path.of(options.get("portal-phones")))) {
                if (phone.isBlank()) {
                    continue;
                }
                HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
                portalSignIn(client, url, phone.strip(), log);
                clients.add(client);
            }
            System.out.println("signed in " + clients.size() + " portal customers");
        } else {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
            signIn(client, url, options.getOrDefault("user", "admin"), options.getOrDefault("password", "demo1234"));
            clients.add(client);
        }

        if (warmup > 0) {
            run(clients, url, path, minId, maxId, Math.max(rate / 2, 1), warmup, seed + 1);
        }
        Result result = run(clients, url, path, minId, maxId, rate, seconds, seed);
        System.out.println(result.report(path, rate, seconds));
        System.exit(0);
    }

    static void signIn(HttpClient client, String url, String user, String password) throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(url + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Sign-in failed: " + answer.statusCode() + " " + location);
        }
    }

    /** Portal sign-in: asks for a code, reads it from the application log, signs in with it. */
    static void portalSignIn(HttpClient client, String url, String phone, java.nio.file.Path log) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url + "/portal/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the portal sign-in page");
        }
        HttpResponse<String> sent = client.send(HttpRequest.newBuilder(URI.create(url + "/portal/login/code"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("phone=" + phone + "&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(sent.body());
        if (!token.find()) {
            throw new IllegalStateException("No code form for " + phone + ": " + sent.statusCode());
        }
        // the logging SMS gateway's line for the code text (older builds logged "Portal sign-in code for …")
        Pattern line = Pattern.compile("(?:Portal sign-in code for " + phone + ": |to=" + phone + " subject=\\S* text=\\D*)(\\d{6})");
        String code = null;
        for (int attempt = 0; attempt < 50 && code == null; attempt++) {
            Matcher found = line.matcher(java.nio.file.Files.readString(log));
            while (found.find()) {
                code = found.group(1);
            }
            if (code == null) {
                Thread.sleep(100);
            }
        }
        if (code == null) {
            throw new IllegalStateException("No code for " + phone + " in " + log);
        }
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/portal/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("phone=" + phone + "&code=" + code + "&_csrf=" + token.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302 || !answer.headers().firstValue("Location").orElse("").endsWith("/portal")) {
            throw new IllegalStateException("Portal sign-in failed for " + phone + ": " + answer.statusCode());
        }
    }

    static Result run(List<HttpClient> clients, String url, String path, long minId, long maxId, int rate, int seconds, long seed)
            throws InterruptedException {
        int total = rate * seconds;
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[total];
        for (int i = 0; i < total; i++) {
            ids[i] = minId + random.nextLong(maxId - minId + 1);
        }
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            // catch up on ticks the scheduler missed, so the offered rate stays what was asked
            long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
            while (next.get() < due) {
                int i = next.getAndIncrement();
                if (i >= total) {
                    break;
                }
                long intended = start + i * periodNanos;
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + path.replace("{id}", Long.toString(ids[i]))))
                        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build();
                clients.get(i % clients.size()).sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    long latency = System.nanoTime() - intended;
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else {
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        samples.add(new long[] {latency});
                    }
                    done.countDown();
                });
            }
        }, 0, Math.max(periodNanos / 2, 100_000), TimeUnit.NANOSECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        long[] latencies = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
        return new Result(latencies, errors.get(), statuses, (System.nanoTime() - start) / 1e9);
    }

    record Result(long[] latencies, int errors, Map<Integer, AtomicInteger> statuses, double elapsedSeconds) {

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }

        String report(String path, int rate, int seconds) {
            List<String> lines = new ArrayList<>();
            lines.add("path=" + path + " offered_rate=" + rate + "/s duration=" + seconds + "s");
            lines.add(String.format("requests=%d achieved_rate=%.1f/s errors=%d statuses=%s", latencies.length,
                    latencies.length / elapsedSeconds, errors, statuses));
            lines.add(String.format("latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f", percentileMillis(50),
                    percentileMillis(90), percentileMillis(99), percentileMillis(99.9), percentileMillis(100)));
            return String.join(System.lineSeparator(), lines);
        }
    }
}
