package dev.gitops4j.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gitops4j.api.secrets.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives push webhooks on the JDK's built-in HTTP server and triggers a (debounced) reconcile
 * when the watched branch moved, like Flux's {@code Receiver} or Argo CD's {@code /api/webhook}.
 *
 * <ul>
 *   <li>{@link Kind#GITHUB}: {@code X-Hub-Signature-256: sha256=HEX}, the HMAC-SHA256 of the body
 *       under the shared secret; events from {@code X-GitHub-Event}.
 *   <li>{@link Kind#GITLAB}: {@code X-Gitlab-Token} equal to the secret; events from {@code
 *       X-Gitlab-Event}.
 *   <li>{@link Kind#GENERIC}: {@code X-Signature-256: sha256=HEX} (HMAC-SHA256 of the body); every
 *       authenticated request is a push unless its JSON {@code ref} names another branch.
 * </ul>
 *
 * <p>Signatures and tokens are compared in constant time. A bad or missing signature gets 401, a
 * body over the limit 413 (nothing is read past it), anything but POST 405, other events and other
 * branches 202 with no action, and a push to the watched branch 202 with the trigger queued on a
 * {@link Debouncer}. Binds to 127.0.0.1 unless told otherwise.
 *
 * <pre>{@code
 * try (Debouncer reconcile = Debouncer.start(poller::poll, Duration.ofSeconds(2), scheduler);
 *     WebhookReceiver hook = WebhookReceiver.builder(Kind.GITHUB, secret)
 *         .branch("main").onPush(reconcile::request).start()) {
 *   ... // POST to hook.uri()
 * }
 * }</pre>
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which Git host's webhook format to accept. */
  public enum Kind {
    /** GitHub: HMAC-SHA256 in {@code X-Hub-Signature-256}. */
    GITHUB,
    /** GitLab: the secret token in {@code X-Gitlab-Token}. */
    GITLAB,
    /** Any sender: HMAC-SHA256 in {@code X-Signature-256}. */
    GENERIC
  }

  private final Builder config;
  private final HttpServer server;

  private WebhookReceiver(Builder config) throws IOException {
    this.config = config;
    this.server = HttpServer.create(config.address, 16);
    server.createContext(config.path, this::handle);
    server.start();
  }

  /**
   * A builder for the given kind of sender and shared secret.
   *
   * @param kind which sender's headers and signature scheme to accept
   * @param secret the shared secret configured at the sender: the HMAC key, or GitLab's token;
   *     never logged
   * @return a builder listening on a free loopback port at {@code /hook} for pushes to {@code main}
   * @throws IllegalArgumentException if the secret is empty
   */
  public static Builder builder(Kind kind, Secret secret) {
    return new Builder(kind, secret);
  }

  /**
   * Where to send webhooks, such as {@code http://127.0.0.1:8080/hook}.
   *
   * @return the {@code http://} URL with the bound address, port and path
   */
  public String uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + a.getPort()
        + config.path;
  }

  /**
   * The port it listens on (useful when port 0 was asked for).
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the HTTP server at once; requests in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        answer(exchange);
      } catch (RuntimeException e) {
        LOG.warn("webhook handling failed: {}", e.toString());
        if (exchange.getResponseCode() == -1) {
          respond(exchange, 500, "the push could not be handled; see the receiver's log");
        }
      }
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "only POST is accepted");
      return;
    }
    byte[] body = readLimited(exchange.getRequestBody(), config.maxBodyBytes);
    if (body == null) {
      respond(exchange, 413, "body larger than " + config.maxBodyBytes + " bytes");
      return;
    }
    if (!authentic(exchange, body)) {
      LOG.warn("webhook from {} refused: bad or missing signature", exchange.getRemoteAddress());
      respond(exchange, 401, "bad or missing signature");
      return;
    }
    String event = event(exchange);
    if (event != null) {
      respond(exchange, 202, "ignored: event '" + event + "' is not a push");
      return;
    }
    String ref = ref(body);
    if (ref != null && !ref.equals("refs/heads/" + config.branch) && !ref.equals(config.branch)) {
      respond(exchange, 202, "ignored: push to " + ref + ", watching " + config.branch);
      return;
    }
    config.onPush.run();
    respond(exchange, 202, "reconcile queued");
  }

  /** The event name when it is not a push, null for a push (every generic request is one). */
  private @Nullable String event(HttpExchange exchange) {
    if (config.kind == Kind.GENERIC) {
      return null;
    }
    boolean github = config.kind == Kind.GITHUB;
    String name =
        exchange.getRequestHeaders().getFirst(github ? "X-GitHub-Event" : "X-Gitlab-Event");
    if (name == null) {
      return "(none)";
    }
    return name.equals(github ? "push" : "Push Hook") ? null : name;
  }

  private static @Nullable String ref(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode ref = node == null ? null : node.get("ref");
      return ref != null && ref.isTextual() ? ref.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private boolean authentic(HttpExchange exchange, byte[] body) {
    byte[] secret = config.secret.revealBytes();
    if (config.kind == Kind.GITLAB) {
      String token = exchange.getRequestHeaders().getFirst("X-Gitlab-Token");
      return token != null
          && MessageDigest.isEqual(sha256(token.getBytes(StandardCharsets.UTF_8)), sha256(secret));
    }
    String header =
        exchange
            .getRequestHeaders()
            .getFirst(config.kind == Kind.GITHUB ? "X-Hub-Signature-256" : "X-Signature-256");
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(7).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  /**
   * The HMAC-SHA256 of {@code body} under {@code key}, as webhook senders compute it.
   *
   * @param key the shared secret's bytes; an empty key is taken as one zero byte, as the JDK
   *     refuses empty keys
   * @param body the request body exactly as sent
   * @return the 32-byte MAC, to compare with the hex value of the signature header
   */
  public static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte @Nullable [] readLimited(InputStream in, int limit) throws IOException {
    byte[] out = in.readNBytes(limit + 1);
    if (out.length > limit) {
      return null;
    }
    return out;
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Configures a {@link WebhookReceiver}; {@link #start()} binds it. */
  public static final class Builder {
    private final Kind kind;
    private final Secret secret;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private String path = "/hook";
    private String branch = "main";
    private int maxBodyBytes = 1 << 20;
    private Runnable onPush = () -> {};

    private Builder(Kind kind, Secret secret) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.secret = Objects.requireNonNull(secret, "secret");
      if (secret.revealBytes().length == 0) {
        throw new IllegalArgumentException("the webhook secret must not be empty");
      }
    }

    /**
     * Port on 127.0.0.1 (default 0: any free port).
     *
     * @param value the port, 0 for any free one
     * @return this builder
     */
    public Builder port(int value) {
      return bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), value));
    }

    /**
     * Address and port to listen on; only pass a non-loopback address on purpose.
     *
     * @param value the address and port to listen on
     * @return this builder
     */
    public Builder bind(InetSocketAddress value) {
      this.address = Objects.requireNonNull(value, "address");
      return this;
    }

    /**
     * The URL path (default {@code /hook}).
     *
     * @param value the path of the webhook endpoint, starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if {@code value} does not start with {@code /}
     */
    public Builder path(String value) {
      if (!value.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + value);
      }
      this.path = value;
      return this;
    }

    /**
     * The branch whose pushes trigger (default {@code main}).
     *
     * @param value a branch name such as {@code main}; a leading {@code refs/heads/} is dropped
     * @return this builder
     */
    public Builder branch(String value) {
      this.branch = Objects.requireNonNull(value, "branch").replaceFirst("^refs/heads/", "");
      return this;
    }

    /**
     * The largest body accepted (default 1 MiB); larger ones get 413.
     *
     * @param value the limit in bytes; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public Builder maxBodyBytes(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, not " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /**
     * What a push to the watched branch runs, such as {@link Debouncer#request}.
     *
     * @param value run on the HTTP server's thread before the 202 response, so it should return
     *     quickly
     * @return this builder
     */
    public Builder onPush(Runnable value) {
      this.onPush = Objects.requireNonNull(value, "onPush");
      return this;
    }

    /**
     * Binds and starts the receiver.
     *
     * @return the running receiver; close it to stop listening
     * @throws IOException if the address cannot be bound
     */
    public WebhookReceiver start() throws IOException {
      return new WebhookReceiver(this);
    }
  }
}
