import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces one record per key with Kafka's own Java producer and its default partitioner, and
 * prints "key TAB partition" for each: the reference the terminal's merchant assigner must match.
 * Usage: java -cp 'kafka-libs/*' ProduceKeys.java BOOTSTRAP TOPIC KEY...
 */
public class ProduceKeys {
  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", args[0]);
    properties.put("key.serializer", StringSerializer.class.getName());
    properties.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int index = 2; index < args.length; index++) {
        RecordMetadata written = producer.send(new ProducerRecord<>(args[1], args[index], "{}")).get();
        System.out.println(args[index] + "\t" + written.partition());
      }
    }
  }
}
