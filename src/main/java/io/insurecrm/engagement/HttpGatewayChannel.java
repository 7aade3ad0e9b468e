package io.insurecrm.engagement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An SMS or push gateway over HTTP: POST of a small JSON document with the idempotency key in the body and in the
 * {@code Idempotency-Key} header. 2xx = taken (the body is the gateway's reference); 5xx, time-outs and refused
 * connections can be retried; any other answer is final.
 */
class HttpGatewayChannel implements MessageChannel {

    private final Channel channel;
    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    HttpGatewayChannel(Channel channel, String endpoint, Duration timeout) {
        this.channel = channel;
        this.endpoint = URI.create(endpoint);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String send(OutgoingMessage message) {
        String json = "{\"key\":" + quote(message.idempotencyKey()) + ",\"to\":" + quote(message.recipient())
                + ",\"subject\":" + quote(message.subject() == null ? "" : message.subject())
                + ",\"text\":" + quote(message.body()) + "}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", message.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed(channel + " gateway timed out after " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new DeliveryFailed(channel + " gateway unreachable: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed(channel + " send interrupted", true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String body = response.body() == null ? "" : response.body().strip();
            return body.isEmpty() ? "HTTP " + status : body.substring(0, Math.min(body.length(), 200));
        }
        String detail = response.body() == null ? "" : response.body().strip();
        detail = detail.substring(0, Math.min(detail.length(), 200));
        throw new DeliveryFailed(channel + " gateway answered " + status + (detail.isEmpty() ? "" : ": " + detail),
                status >= 500 || status == 429 || status == 408);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
