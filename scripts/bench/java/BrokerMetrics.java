import java.lang.management.ManagementFactory;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Kafka's own metrics of a broker, read over JMX: bytes out (egress to consumers and followers),
 * bytes in, fetch requests from consumers, and the broker JVM's CPU time. Prints one JSON line.
 * Usage: java BrokerMetrics.java HOST:JMX_PORT
 */
public class BrokerMetrics {
  public static void main(String[] args) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + args[0] + "/jmxrmi");
    try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      long bytesOut = count(server, "kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec");
      long bytesIn = count(server, "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec");
      // One bean per request version a client used: summed.
      long fetches = 0;
      for (ObjectName bean : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=FetchConsumer,*"), null)) {
        fetches += ((Number) server.getAttribute(bean, "Count")).longValue();
      }
      long cpuNanos = (Long) server.getAttribute(new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME), "ProcessCpuTime");
      System.out.println("{\"bytesOut\":" + bytesOut + ",\"bytesIn\":" + bytesIn + ",\"consumerFetches\":" + fetches + ",\"cpuNanos\":" + cpuNanos + "}");
    }
  }

  private static long count(MBeanServerConnection server, String name) {
    try {
      return ((Number) server.getAttribute(new ObjectName(name), "Count")).longValue();
    } catch (Exception missing) {
      return -1;
    }
  }
}
