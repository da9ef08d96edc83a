package kds.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Gives each order record its merchant's key (shared/routing-table.ts is the contract): the
 * merchant id from the {@code merchant-id} header (or the value's {@code merchantId}), then
 * {@code <merchantId>#<shard>} with {@code shard = toPositive(murmur2(utf8(orderId))) % shards}
 * when the routing table spreads the merchant over shards. Value and headers are kept as they came.
 * A record naming no merchant reaches no kitchen: it is logged with where it came from and left out.
 */
final class MerchantKeyer implements Processor<byte[], byte[], String, byte[]> {
  static final String MERCHANT_HEADER = "merchant-id";
  /** As terminals cap it (shared/routing-table.ts MAX_SHARDS). */
  static final int MAX_SHARDS = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProcessorContext<String, byte[]> context;
  private TimestampedKeyValueStore<String, String> routing;

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.routing = context.getStateStore(OrderRouter.ROUTING_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    JsonNode value = null;
    String merchantId = headerText(record, MERCHANT_HEADER);
    if (merchantId == null) {
      value = parse(record.value());
      merchantId = text(value, "merchantId");
    }
    if (merchantId == null || merchantId.isEmpty()) {
      System.err.println("kds-router: a record naming no merchant was left out (" + where() + ")");
      return;
    }
    int shards = shardsOf(merchantId);
    String key = merchantId;
    if (shards > 1) {
      if (value == null) value = parse(record.value());
      String orderId = text(value, "orderId");
      if (orderId == null && record.key() != null) orderId = new String(record.key(), StandardCharsets.UTF_8);
      int shard = orderId == null ? 0 : Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % shards;
      key = merchantId + "#" + shard;
    }
    context.forward(record.withKey(key));
  }

  private int shardsOf(String merchantId) {
    ValueAndTimestamp<String> entry = routing.get(merchantId);
    if (entry == null || entry.value() == null) return 1;
    JsonNode node = parse(entry.value().getBytes(StandardCharsets.UTF_8));
    JsonNode shards = node == null ? null : node.get("shards");
    // As terminals read it: an entry that cannot be read, or out of range, means one shard.
    if (shards == null || !shards.isIntegralNumber() || !shards.canConvertToInt()) return 1;
    int count = shards.intValue();
    return count >= 1 && count <= MAX_SHARDS ? count : 1;
  }

  private String where() {
    return context.recordMetadata().map(meta -> meta.topic() + " partition " + meta.partition() + " offset " + meta.offset()).orElse("unknown position");
  }

  private static String headerText(Record<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes == null) return null;
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException error) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode found = node == null ? null : node.get(field);
    return found != null && found.isTextual() ? found.asText() : null;
  }
}
