import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces one record per key with Kafka's own Java producer and its default partitioner, and
 * prints "key TAB partition" for each: the reference the terminal's merchant assigner must match.
 * Keys are read one per line from stdin and written back as UTF-8, whatever the machine's locale.
 * Usage: java -cp 'kafka-libs/*' ProduceKeys.java BOOTSTRAP TOPIC < keys
 */
public class ProduceKeys {
  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", args[0]);
    properties.put("key.serializer", StringSerializer.class.getName());
    properties.put("value.serializer", StringSerializer.class.getName());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader keys = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (String key = keys.readLine(); key != null; key = keys.readLine()) {
        RecordMetadata written = producer.send(new ProducerRecord<>(args[1], key, "{}")).get();
        out.println(key + "\t" + written.partition());
      }
    }
  }
}
