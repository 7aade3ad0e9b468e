package io.insurecrm.engagement;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stub gateway as its own process, for bench/engagement-crash.sh: it keeps counting while the app is killed and
 * restarted, and writes {@code distinct_keys requests} to the given file every half second.
 */
public final class StubGatewayMain {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path stats = Path.of(args[1]);
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 600;
        try (StubGateway gateway = new StubGateway(port)) {
            long end = System.currentTimeMillis() + seconds * 1000;
            while (System.currentTimeMillis() < end) {
                Files.writeString(stats, gateway.deliveredKeys() + " " + gateway.requests() + "\n");
                Thread.sleep(500);
            }
        }
    }
}
