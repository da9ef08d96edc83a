package kds.router;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The kds order router: re-keys a platform's {@code <env>.orders} (keyed by order) into
 * {@code <env>.kds-orders} keyed by merchant ({@code <merchantId>#<shard>} for a merchant the
 * compacted {@code <env>.kds-routing} table spreads over shards), so each kitchen terminal in
 * routed mode reads only its merchant's partitions. Exactly-once v2: a router killed mid-stream
 * leaves no record doubled or lost for terminals, which read committed records only. Scales out as
 * Kafka Streams does: more instances with the same application id share the input's partitions.
 *
 * <p>Usage: {@code java -cp 'kds-router.jar:lib/*' kds.router.OrderRouter --bootstrap HOST:PORT --env ENV [--state-dir DIR]}
 */
public final class OrderRouter {
  static final String ROUTING_STORE = "kds-routing";

  private OrderRouter() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String bootstrap = required(options, "bootstrap");
    String env = required(options, "env");
    String stateDir = options.getOrDefault("state-dir", Files.createTempDirectory("kds-router-").toString());

    KafkaStreams streams = new KafkaStreams(topology(env), properties(bootstrap, env, stateDir));
    // A failing stream thread is replaced (its transaction aborted, its input read again), never left dead.
    streams.setUncaughtExceptionHandler(error -> {
      System.err.println("kds-router: stream thread failed, replacing it: " + error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      // The line the demo and the tests wait for.
      System.out.println("kds-router " + now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) stopped.countDown();
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      stopped.countDown();
    }));
    streams.start();
    stopped.await();
  }

  static Topology topology(String env) {
    StreamsBuilder builder = new StreamsBuilder();
    // Small and compacted: every instance keeps the whole table, in memory.
    builder.globalTable(
        env + ".kds-routing",
        Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String>as(Stores.inMemoryKeyValueStore(ROUTING_STORE))
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String()));
    builder.stream(env + ".orders", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .process(MerchantKeyer::new)
        .to(env + ".kds-orders", Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }

  static Properties properties(String bootstrap, String env, String stateDir) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "kds-router." + env);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // A kitchen waits for each transaction's commit: a tenth of a second, not Kafka Streams' default of one.
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // A crashed instance's input is taken over after this, not Kafka's default 45 s: kitchens wait meanwhile.
    properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
    return properties;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int index = 0; index + 1 < args.length; index += 2) {
      if (!args[index].startsWith("--")) throw new IllegalArgumentException("expected an option, got " + args[index]);
      options.put(args[index].substring(2), args[index + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      System.err.println("kds-router: --" + name + " is required (usage: --bootstrap HOST:PORT --env ENV [--state-dir DIR])");
      System.exit(2);
    }
    return value;
  }
}
