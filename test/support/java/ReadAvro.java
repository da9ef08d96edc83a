import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An independent reader of Confluent-framed Avro: Kafka's own Java consumer, Apache Avro's Java
 * library, and the writer schema fetched by id from the registry's Confluent-compatible API —
 * nothing of kds and none of its JavaScript libraries. Prints each record as Avro's JSON, one a line.
 * Usage: java -cp 'kafka-libs/*:avro.jar' ReadAvro.java BOOTSTRAP TOPIC REGISTRY_CCOMPAT_URL COUNT
 */
public class ReadAvro {
  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", args[0]);
    properties.put("group.id", "independent-avro-reader-" + System.nanoTime());
    properties.put("auto.offset.reset", "earliest");
    properties.put("key.deserializer", ByteArrayDeserializer.class.getName());
    properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
    int wanted = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int read = 0;
    long deadline = System.currentTimeMillis() + 30_000;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(args[1]));
      while (read < wanted && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          ByteBuffer value = ByteBuffer.wrap(record.value());
          if (value.get() != 0) throw new IllegalStateException("not Confluent-framed Avro at offset " + record.offset());
          int id = value.getInt();
          HttpRequest request = HttpRequest.newBuilder(URI.create(args[2] + "/schemas/ids/" + id)).build();
          String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
          Schema schema = new Schema.Parser().parse(json.readTree(body).get("schema").asText());
          byte[] avro = new byte[value.remaining()];
          value.get(avro);
          GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().binaryDecoder(avro, null));
          out.println(decoded.toString());
          read += 1;
        }
      }
    }
    if (read < wanted) throw new IllegalStateException("read " + read + " of " + wanted + " records");
  }
}
