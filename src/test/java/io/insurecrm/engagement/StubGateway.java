package io.insurecrm.engagement;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMS/push gateway for tests and the outbox benchmark (JDK HttpServer on 127.0.0.1): it delivers a message
 * once per idempotency key (a repeat is answered 200 with the first reference, not delivered again), and can be
 * told to answer 500 or to stall past the client's time-out.
 */
public final class StubGateway implements AutoCloseable {

    public enum Mode { OK, FAIL_500, STALL }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Mode mode = Mode.OK;

    public StubGateway(int port) throws IOException {
        // without TCP_NODELAY the JDK server writes headers and body as two segments and the second waits for the
        // client's delayed ACK: ~40 ms per request on Linux, a latency of the stub, not of the code under test
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status;
            String answer;
            if (mode == Mode.STALL) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
                answer = "late";
            } else if (mode == Mode.FAIL_500) {
                status = 500;
                answer = "gateway broken";
            } else if (key == null || key.isBlank()) {
                status = 400;
                answer = "no Idempotency-Key";
            } else {
                status = 200;
                answer = delivered.computeIfAbsent(key, k -> {
                    bodies.add(body);
                    return "GW-" + sequence.incrementAndGet();
                });
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Distinct idempotency keys delivered. */
    public int deliveredKeys() {
        return delivered.size();
    }

    public boolean delivered(String key) {
        return delivered.containsKey(key);
    }

    public long requests() {
        return requests.get();
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
        // its threads are not daemons: left running they would keep a benchmark's JVM alive after main returns
        executor.shutdownNow();
    }
}
